// Where a transaction's gas goes, from the node's opcode trace (debug_traceTransaction): the
// storage, transient storage, logs and account access paid by the called contract itself, its
// other code, and everything spent inside the contracts it calls. The gas benchmark uses it to set
// a claim beside a plain transfer: both pay the same transfer inside the token, so the ratio
// target is a budget for what the splitter adds, and the fixed costs show what no code change can
// remove.

interface StructLog {
  op: string;
  gas: number;
  gasCost: number;
  depth: number;
}

interface Provider {
  send(method: string, params: unknown[]): Promise<unknown>;
}

export interface GasBreakdown {
  /** Cold and warm SLOAD and SSTORE of the called contract. */
  storage: number;
  /** TLOAD and TSTORE (the reentrancy guard). */
  transient: number;
  /** LOG0..LOG4, data and topics included. */
  events: number;
  /** What the calls themselves cost the caller: account access (2,600 cold, 100 warm) and memory. */
  callAccess: number;
  /** Every other opcode of the called contract: dispatch, ABI decoding, arithmetic, memory. */
  code: number;
  /** Everything executed inside the contracts it calls. */
  inner: number;
}

const CALLS = new Set(["CALL", "STATICCALL", "DELEGATECALL", "CALLCODE"]);

export async function gasBreakdown(provider: Provider, hash: string): Promise<GasBreakdown> {
  const trace = (await provider.send("debug_traceTransaction", [hash, {}])) as { structLogs: StructLog[] };
  const logs = trace.structLogs;
  const result: GasBreakdown = { storage: 0, transient: 0, events: 0, callAccess: 0, code: 0, inner: 0 };
  for (let i = 0; i < logs.length; i++) {
    const step = logs[i];
    if (step.depth !== 1) continue;
    if (CALLS.has(step.op)) {
      // A call's reported cost includes the gas it forwards: what the call itself cost is the gas
      // missing when execution resumes, less what the callee (and whatever it called) spent.
      let back = i + 1;
      while (back < logs.length && logs[back].depth > 1) back++;
      if (back === logs.length) throw new Error(`the trace of ${hash} ends inside a call: cannot split its gas`);
      const last = logs[back - 1];
      const spentInside = back > i + 1 ? logs[i + 1].gas - (last.gas - last.gasCost) : 0;
      result.inner += spentInside;
      result.callAccess += step.gas - logs[back].gas - spentInside;
    } else if (step.op === "SLOAD" || step.op === "SSTORE") result.storage += step.gasCost;
    else if (step.op === "TLOAD" || step.op === "TSTORE") result.transient += step.gasCost;
    else if (step.op.startsWith("LOG")) result.events += step.gasCost;
    else result.code += step.gasCost;
  }
  return result;
}
