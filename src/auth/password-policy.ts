import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationError, type FieldProblem } from '../core/errors';
import { packageRoot } from '../package-root';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

// common-passwords.txt: the 17,950 entries of 8 characters or more from the password list of
// @zxcvbn-ts/language-common 4.1.3 (MIT licence, (c) Dan Wheeler, Dropbox, Inc. and @zxcvbn-ts).
// Shorter entries are refused by length anyway.
let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set(readFileSync(join(packageRoot, 'src/auth/common-passwords.txt'), 'utf8').split('\n').filter(Boolean));
  return common;
}

/**
 * ASVS 5.0 password rules: length 8-128 counted in characters, no composition rules,
 * and not one of the passwords attackers try first.
 */
export function passwordProblems(password: string, field = 'password'): FieldProblem[] {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return [{ field, message: `must be at least ${PASSWORD_MIN} characters` }];
  if (length > PASSWORD_MAX) return [{ field, message: `must be at most ${PASSWORD_MAX} characters` }];
  if (commonPasswords().has(password.toLowerCase())) return [{ field, message: 'is one of the most common passwords; choose another' }];
  return [];
}

export function assertAcceptablePassword(password: string, field = 'password') {
  const problems = passwordProblems(password, field);
  if (problems.length > 0) throw new ValidationError(problems);
}
