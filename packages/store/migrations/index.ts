/**
 * Migrations in order. They are TypeScript modules holding SQL, not .sql files read from disk, so
 * they travel inside any bundle (the Next.js server build) with no file-system lookups at run time.
 * Never edit an applied migration: add the next one.
 */
import init from './001_init';

export const MIGRATIONS: readonly { version: string; sql: string }[] = [{ version: '001_init', sql: init }];
