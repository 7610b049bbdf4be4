// Errors the user fixes on the command line: printed as one message, exit code 2.
export class UsageError extends Error {
  override name = "UsageError";
}
