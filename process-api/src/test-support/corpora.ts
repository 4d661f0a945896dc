import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The outside test material (../shared/corpora: models and forms written by other people). It stays outside the
 * repository; `WERKBANK_CORPORA` points to it, by default the folder beside the clone. Missing -> the suite fails loudly.
 */
export function corporaDir(): string {
  const candidates = process.env['WERKBANK_CORPORA']
    ? [process.env['WERKBANK_CORPORA']]
    : [resolve(__dirname, '../../../../shared/corpora'), '/work/shared/corpora'];
  const dir = candidates.find((c) => existsSync(resolve(c, 'README.md')));
  if (!dir) {
    throw new Error(`The test corpora are missing (looked in ${candidates.join(', ')}): set WERKBANK_CORPORA to the shared/corpora folder`);
  }
  return dir;
}
