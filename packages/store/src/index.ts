import { join } from 'node:path';
import { createCipher, loadOrCreateKeyFile, parseKey } from './crypto';
import { openDatabase, type Database } from './db';
import { migrate } from './migrate';
import { StudioStore } from './store';

export * from './cache';
export * from './crypto';
export * from './db';
export * from './migrate';
export * from './store';

export interface OpenStoreOptions {
  dataDir: string;
  databaseUrl?: string;
  encryptionKey?: string;
}

/** Opens the database (PGlite by default), applies migrations, and sets up encryption at rest. */
export async function openStore(options: OpenStoreOptions): Promise<{ store: StudioStore; db: Database }> {
  const key = options.encryptionKey
    ? parseKey(options.encryptionKey)
    : loadOrCreateKeyFile(join(options.dataDir, 'encryption.key'));
  const db = await openDatabase({ url: options.databaseUrl, dataDir: options.dataDir });
  await migrate(db);
  return { store: new StudioStore(db, createCipher(key)), db };
}
