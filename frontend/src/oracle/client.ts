// The oracle service over HTTP (oracle/service/README.md): the dApp's only link to it, through the
// project's one oracle client (oracle/protocol/oracle-client.ts), whose answers are checked against
// the API's schemas. Same-origin by default (`/oracle`, proxied by Vite or the site's reverse
// proxy), so the HttpOnly session cookie works and no CORS is needed; on another origin the
// cookie still goes along (credentials: "include").
import { OracleClient } from "../../../oracle/protocol/oracle-client.ts";
import { oracleUrl } from "../config.ts";

export const ORACLE_BASE = (oracleUrl || "/oracle").replace(/\/$/, "");

/** The page's oracle. */
export const oracle = new OracleClient(ORACLE_BASE, { credentials: "include" });

export { OracleError, OracleUnreachableError } from "../../../oracle/protocol/oracle-client.ts";
export { JOB_STAGES } from "../../../oracle/protocol/oracle-api.ts";
export type {
  JobProgress,
  JobState,
  JobView as Job,
  NonceAnswer,
  ReaderKeyAnswer,
  SessionAnswer,
  SessionStateAnswer,
  SignedAttestation,
  StatsAnswer as Stats,
  SubmissionView as Submission,
  SubmissionsAnswer,
} from "../../../oracle/protocol/oracle-api.ts";

/** The pipeline's report (schema 1tt/report@1), as the protocol defines it. */
export type { Example, Report, Tally } from "../../../oracle/protocol/report.ts";
