/** Structured logs. Journal text never reaches a log line: known text fields are censored at the source. */
import pino, { type Logger } from 'pino';

export const REDACTED_PATHS = ['text', 'journal_text', 'body.journal_text', 'entry.text', '*.text', '*.journal_text'];

export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'fibo-emotion-studio' }, redact: { paths: REDACTED_PATHS, censor: '[journal text]' } });
}
export type { Logger };
