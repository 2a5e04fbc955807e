/** What a notice says, independent of the channel that carries it. */
export interface NoticeContent {
  subject: string;
  paragraphs: string[];
  /** A link the shopper can act on (the decision link); shown to the shopper only. */
  action?: { label: string; url: string };
}
