/** The aggregate refused a change: a programming or concurrency error, never a client's input. */
export class NoticeRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoticeRuleError';
  }
}
