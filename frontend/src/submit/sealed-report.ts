// A submission's full report, opened in the page with the contributor's own reader key. The
// oracle serves its copy of a report without a word of the upload (GET /jobs/:id/report); the
// report it sealed beside the data quotes an example of every removal and duplicate, and only the
// submission's readers (its contributor, committee members, auditors) can open it. Read and
// checked as a download is (keys/download.ts: manifest by CID, envelope, sha256 commitment).
import type { Report } from "../oracle/client.ts";
import { decryptDownload, memorySink, prepareDownload, type PrepareParameters } from "../keys/download.ts";

export async function openSealedReport(p: Omit<PrepareParameters, "part">): Promise<Report> {
  const sink = memorySink();
  await decryptDownload(await prepareDownload({ ...p, part: "report" }), { source: p.source, sink, signal: p.signal });
  const bytes = new Uint8Array(sink.parts!.reduce((n, part) => n + part.byteLength, 0));
  sink.parts!.reduce((at, part) => (bytes.set(part, at), at + part.byteLength), 0);
  return JSON.parse(new TextDecoder().decode(bytes)) as Report;
}
