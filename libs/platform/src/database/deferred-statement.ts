import { EntityManager } from 'typeorm';

interface DeferringClient {
  defer(text: string, values: readonly unknown[]): void;
}

/**
 * Runs a statement that returns no rows in the transaction `manager` belongs to. When the pool's
 * client can hold it back (preparedStatementClient), it is sent in front of the transaction's next
 * statement, often its COMMIT, which saves a round trip; otherwise, and outside a transaction, it
 * runs right away. Its failure fails that next statement and so the transaction: use it only where
 * no caller handles the statement's own failure.
 */
export async function deferStatement(manager: EntityManager, text: string, values: readonly unknown[] = []): Promise<void> {
  const runner = manager.queryRunner as { isTransactionActive?: boolean; databaseConnection?: Partial<DeferringClient> } | undefined;
  const client = runner?.isTransactionActive ? runner.databaseConnection : undefined;
  if (typeof client?.defer === 'function') {
    client.defer(text, values);
    return;
  }
  await manager.query(text, [...values]);
}
