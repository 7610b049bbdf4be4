// Which revenue program the page shows: VITE_SPLITTER_ADDRESS by default, or one picked from the
// factory's ProgramCreated events; the choice lives in the URL (?program=0x…) so it can be shared.
import { useEffect, useId, useState } from "react";
import { getAddress, isAddress, type Address } from "viem";
import { defaultSplitter, factoryAddress } from "../config.ts";
import { shortHex } from "../chain/format.ts";
import { useFactoryPrograms } from "./live.ts";
import { ErrorNote } from "../ui/ErrorNote.tsx";
import { CommitteeNotice } from "./CommitteeNotice.tsx";
import { HistorySourceNote } from "./HistorySourceNote.tsx";

function programFromUrl(): Address | undefined {
  const value = new URLSearchParams(window.location.search).get("program");
  return value && isAddress(value, { strict: false }) ? getAddress(value) : defaultSplitter;
}

export function useProgramChoice(): [Address | undefined, (p: Address) => void] {
  const [program, setProgram] = useState(programFromUrl);
  const choose = (p: Address) => {
    const url = new URL(window.location.href);
    url.searchParams.set("program", p);
    window.history.replaceState(null, "", url);
    setProgram(p);
  };
  return [program, choose];
}

export function ProgramBar({ program, onChange }: { program?: Address; onChange: (p: Address) => void }) {
  const id = useId();
  const listing = useFactoryPrograms(factoryAddress);
  const programs = listing.data ?? [];
  useEffect(() => {
    if (!program && programs.length > 0) onChange(programs[programs.length - 1].program);
  }, [program, programs.length]); // eslint-disable-line react-hooks/exhaustive-deps
  const known = program === undefined || programs.some((p) => p.program === program);
  return (
    <div className="program-bar">
      {factoryAddress ? (
        <>
          <label htmlFor={id}>Revenue program</label>
          <select id={id} value={program ?? ""} onChange={(e) => onChange(getAddress(e.target.value))}>
            {program === undefined && <option value="">{listing.isPending ? "Loading programs…" : "No program yet"}</option>}
            {!known && program && <option value={program}>{shortHex(program)} (not from this factory)</option>}
            {programs.map((p) => (
              <option key={p.program} value={p.program}>
                #{p.index.toString()} {shortHex(p.program)} · α {Number(p.alphaBps) / 100}%
              </option>
            ))}
          </select>
          {!known && listing.data && <span className="badge warn">not created by the configured factory</span>}
        </>
      ) : (
        <span>
          Revenue program <code className="wrap">{program ?? "none configured"}</code>
        </span>
      )}
      {listing.error && <ErrorNote error={listing.error} />}
      {program && <CommitteeNotice program={program} />}
      {program && <HistorySourceNote program={program} />}
    </div>
  );
}
