// The sealed report of a submission the oracle's own program sink stored (keys/test-fixture.ts),
// opened with the readers' keys through a fetch that stands in for the oracle.
import { describe, expect, it } from "vitest";
import { fakeReport } from "../../../oracle/manifest/testing.ts";
import { DownloadError } from "../keys/download.ts";
import { makeSubmission } from "../keys/test-fixture.ts";
import { PROGRAM, serveFiles } from "../keys/test-serve.ts";
import { openSealedReport } from "./sealed-report.ts";

const sub = await makeSubmission({ bytes: 2_000 });
const source = () => ({ gateway: "", oracle: "http://dapp.test/oracle", fetch: serveFiles(sub.files).fetcher });

describe("the sealed report", () => {
  it("opens for its contributor with their reader key, quotes and all, exactly as the oracle sealed it", async () => {
    const report = await openSealedReport({ manifestCid: sub.manifestCid, program: PROGRAM, source: source(), readerKey: () => sub.contributor });
    expect(report).toEqual(JSON.parse(JSON.stringify(fakeReport(0, 1_000))));
  });

  it("opens for a committee member, and not for a consumer, who reads only the filtered data", async () => {
    const read = (key: typeof sub.contributor) => openSealedReport({ manifestCid: sub.manifestCid, program: PROGRAM, source: source(), readerKey: () => key });
    expect((await read(sub.committee)).submission.sequence).toBe(0);
    const refused = await read(sub.consumer).then(() => null, (e: unknown) => e);
    expect(refused).toBeInstanceOf(DownloadError);
    expect((refused as DownloadError).code).toBe("not_a_reader");
  });
});
