// POST /uploads: one or several files as multipart/form-data, streamed to disk, checked, and
// queued as one job. The same files (by sha256) from the same contributor give the same job.
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { RoutesOptions } from "../context.ts";
import { MIN_RATE_AFTER_MS } from "../config.ts";
import { ApiError, errorSchema } from "../errors.ts";
import { jobView } from "../jobs/view.ts";
import { uploadAnswer } from "../../protocol/oracle-api.ts";
import { answer, type ZodWire } from "../wire-schema.ts";
import { isPresetName, PRESETS } from "../../pipeline/presets.ts";
import { cleanName, receiveFile, tooLarge, type ReceivedFile } from "./receive.ts";
import { contributionFromFields, contributionVerifier, ISSUED_AT_FIELD, MAX_SIGNATURE_FIELD_BYTES, saveContribution, SIGNATURE_FIELD } from "./contribution.ts";

/** A preset field must name a known preset, and the one this oracle's pipeline runs. */
function checkPreset(requested: string, served: string): void {
  if (!isPresetName(requested)) {
    throw new ApiError(400, "unknown_preset", `the upload asks for the preset "${requested.slice(0, 40)}", which does not exist.`, `Use one of ${PRESETS.join(", ")}, or leave the preset field out.`);
  }
  if (requested !== served) {
    throw new ApiError(422, "preset_not_served", `this oracle counts with the ${served} preset, and the upload asks for ${requested}.`,
      `Send ${requested} data to an oracle that runs the ${requested} preset (its GET /stats names its pipeline), or upload it here as ${served}.`);
  }
}

const HOUR_MS = 3_600_000;

/** Room for one file's multipart headers and boundaries when a body's declared length is checked. */
const FRAMING_BYTES_PER_FILE = 4096;

const tooSlow = (rate: number) =>
  new ApiError(408, "upload_too_slow", `the upload arrived at less than ${rate} bytes a second on average, the least this oracle waits for.`,
    "Upload from a faster connection, or split the data into smaller uploads.");

/** The idempotency key: the set of the files' sha256s (order and names do not matter). */
export const uploadKey = (sha256s: string[]) => createHash("sha256").update([...sha256s].sort().join("\n")).digest("hex");

export async function uploadRoutes(app: FastifyInstance, { ctx }: RoutesOptions): Promise<void> {
  const { config, jobs, queue, readerKeys } = ctx;
  const limits = config.upload;
  const perHour = config.rateLimits.uploadsPerHour;
  const verifyContribution = contributionVerifier({ chainId: config.chainId, splitter: config.splitterAddress }, config.rpcUrl);

  app.withTypeProvider<ZodWire>().post("/uploads", {
    onRequest: ctx.requireSession,
    // Jobs made count, not attempts: a refused upload (too large, wrong format) costs no quota.
    preHandler: async (req, reply) => {
      const since = Date.now() - HOUR_MS;
      const made = await jobs.createdSince(req.session!.address, since);
      if (made.length >= perHour) {
        const wait = Math.max(1, Math.ceil((made[made.length - perHour] + HOUR_MS - Date.now()) / 1000));
        reply.header("retry-after", wait);
        throw new ApiError(429, "rate_limited", `this address has made ${perHour} uploads in the last hour, the most this oracle accepts.`, `Try again in ${wait} seconds.`);
      }
    },
    schema: {
      tags: ["uploads"],
      summary: "Upload a dataset (multipart/form-data, one or several files) for preprocessing",
      description:
        "Files: JSON Lines (.jsonl/.ndjson), plain text (.txt/.md), CSV/TSV, Parquet, each optionally .gz or .zst. " +
        `At most ${limits.maxFiles} files and ${limits.maxBytes} bytes in all. The same files from the same contributor ` +
        "return the existing job (200) instead of a new one (202), unless that job failed. " +
        "An optional form field `preset` (prose, code, dialogue) states what the data is for; it must be the preset this oracle counts with (GET /stats), else 422 preset_not_served, so no contributor's code is judged by prose rules unawares. " +
        "Everything stored is encrypted, for the contributor among others: register a reader key first (PUT /session/reader-key), else 409 reader_key_required. " +
        `Form fields \`${SIGNATURE_FIELD}\` and \`${ISSUED_AT_FIELD}\`: the signed-in wallet's EIP-712 "1TT Contribution" signature of the files' sha256s and sizes in upload order, for this oracle's chain and program (oracle/protocol/contribution.ts), made at most 10 minutes before the upload; ` +
        "checked against the files as received (ERC-1271/6492 contract wallets when the oracle has RPC_URL), else 400 contribution_signature_required or 401 contribution_signature_mismatch; the manifest carries it.",
      consumes: ["multipart/form-data"],
      security: [{ bearer: [] }, { cookie: [] }],
      response: {
        200: answer(uploadAnswer),
        202: answer(uploadAnswer),
        400: errorSchema.ref, 401: errorSchema.ref, 408: errorSchema.ref, 409: errorSchema.ref, 413: errorSchema.ref, 415: errorSchema.ref, 422: errorSchema.ref, 429: errorSchema.ref,
      },
    },
  }, async (req, reply) => {
    const contributor = req.session!.address;
    if (!req.isMultipart()) {
      throw new ApiError(415, "not_multipart", "an upload must be sent as multipart/form-data.", "Send the files as form fields of a multipart/form-data request (e.g. curl -F file=@data.jsonl).");
    }
    // Checked before a byte is read: the upload would be stored for readers that exclude its contributor.
    const readerKey = await readerKeys.get(contributor);
    if (!readerKey) {
      throw new ApiError(409, "reader_key_required", "no reader key is registered for this address, so you could not decrypt your own data.",
        "Register your reader key (PUT /session/reader-key; the dApp does it for you from a wallet signature), then upload again.");
    }
    // A body that announces more than the limit (with room for the multipart framing) is refused unread.
    const declared = Number(req.headers["content-length"]);
    if (declared > limits.maxBytes + FRAMING_BYTES_PER_FILE * limits.maxFiles) throw tooLarge(limits.maxBytes);
    const started = Date.now();
    let received = 0;
    const keepingPace = (n: number) => {
      received += n;
      const elapsed = Date.now() - started;
      if (elapsed > MIN_RATE_AFTER_MS && received / (elapsed / 1000) < limits.minBytesPerSecond) throw tooSlow(limits.minBytesPerSecond);
    };
    const incoming = join(config.dataDir, "incoming", randomUUID());
    mkdirSync(incoming, { recursive: true });
    const files: ReceivedFile[] = [];
    const fields = new Map<string, string>();
    let total = 0;
    try {
      // One byte more than the limit reaches receiveFile, which refuses the upload at that byte;
      // at exactly the limit busboy would cut the file silently and read on to its boundary.
      const parts = req.parts({ limits: { fileSize: limits.maxBytes + 1, files: limits.maxFiles, fields: 20, fieldSize: MAX_SIGNATURE_FIELD_BYTES, parts: limits.maxFiles + 20 } });
      for await (const part of parts) {
        if (part.type !== "file") {
          if (part.fieldname === "preset") checkPreset(String(part.value), queue.preset);
          else if (part.fieldname === SIGNATURE_FIELD || part.fieldname === ISSUED_AT_FIELD) fields.set(part.fieldname, String(part.value));
          continue;
        }
        const name = cleanName(part.filename);
        if (files.some((f) => f.name === name)) {
          throw new ApiError(400, "duplicate_file_name", `two files in the upload are both named ${name}.`, "The report names files by name: rename one of them.");
        }
        const file = await receiveFile(part.file, join(incoming, String(files.length)), name, limits.maxBytes - total, limits, keepingPace);
        total += file.bytes;
        files.push(file);
      }
      if (!req.raw.complete) {
        throw new ApiError(400, "upload_incomplete", "the upload was cut off before it ended.", "Send it again.");
      }
      if (files.length === 0) {
        throw new ApiError(400, "no_files", "the upload holds no file.", "Send at least one file field in the multipart/form-data body.");
      }
      // Checked once every byte is in and hashed: the signature covers the files as received.
      const proof = contributionFromFields(fields);
      await verifyContribution(contributor, files.map((f) => ({ sha256: f.sha256, bytes: f.bytes })), proof, started);
      saveContribution(incoming, proof);
    } catch (e) {
      rmSync(incoming, { recursive: true, force: true });
      const code = (e as { code?: string }).code;
      if (code === "FST_REQ_FILE_TOO_LARGE") throw tooLarge(limits.maxBytes);
      if (code === "FST_FILES_LIMIT") throw new ApiError(413, "too_many_files", `an upload holds at most ${limits.maxFiles} files.`, "Split it into several uploads, or combine the files.");
      if (code === "FST_PARTS_LIMIT" || code === "FST_FIELDS_LIMIT") throw new ApiError(413, "too_many_parts", "the upload has too many form fields.", "Send only the files.");
      throw e;
    }

    const key = uploadKey(files.map((f) => f.sha256));
    const existing = await jobs.findActive(contributor, key);
    if (existing) {
      rmSync(incoming, { recursive: true, force: true });
      req.log.info({ jobId: existing.id }, "the same upload again: returning its job");
      return reply.code(200).send({ job: jobView(existing), existing: true });
    }
    const id = randomUUID();
    const dest = join(config.dataDir, "uploads", id);
    // Files first, then the row: a crash in between leaves files no job names, removed at start.
    renameSync(incoming, dest);
    const { job, created } = await jobs.create(contributor, key, files.map((f) => ({ name: f.name, bytes: f.bytes, sha256: f.sha256 })), readerKey.publicKey, id);
    if (!created) rmSync(dest, { recursive: true, force: true });
    else {
      req.log.info({ jobId: id, files: files.length, bytes: total }, "upload queued");
      queue.kick();
    }
    return reply.code(created ? 202 : 200).send({ job: jobView(job), existing: !created });
  });
}
