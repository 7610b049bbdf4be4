// Errors the user fixes on the command line: printed as one message, exit code 2.
import { OneTTError } from "../protocol/errors.ts";
export class UsageError extends OneTTError {
  static override readonly code = "usage";
  override name = "UsageError";
}
