// Check 4: the splitter holds enough of its asset to pay everything claimable now plus what it
// holds for later deposits. "Owed" is taken both from the contract's views and from the logs
// (the payout model), and the larger must be covered: a contract cannot talk its debts down.
import type { SplitterViews } from "./read-views.ts";
import type { RebuiltState } from "./rebuild.ts";
import { CheckBuilder, type CheckResult } from "./report.ts";

export function checkSolvency(rebuilt: RebuiltState, views: SplitterViews): CheckResult {
  const check = new CheckBuilder("solvency");
  let claimableViews = 0n;
  for (const v of views.contributors.values()) claimableViews += v.claimable;
  let claimableModel = 0n;
  for (const [key, model] of rebuilt.payouts.contributors) claimableModel += model.contract - (rebuilt.contributors.get(key)?.claimed ?? 0n);
  const owedViews = claimableViews + views.held;
  const owedModel = claimableModel + rebuilt.payouts.held;
  const owed = owedViews > owedModel ? owedViews : owedModel;
  const escrow = views.totalDeposited - views.totalClaimed;
  if (views.balance < owed) {
    check.fail(
      "solvency.insolvent",
      `The splitter holds ${views.balance} units of ${views.asset} but owes ${owed} ` +
        `(claimable ${owedViews >= owedModel ? claimableViews : claimableModel} + held ${owedViews >= owedModel ? views.held : rebuilt.payouts.held}): short by ${owed - views.balance} units.`,
      views.asset,
    );
  }
  Object.assign(check.figures, {
    asset: views.asset,
    balance: String(views.balance),
    claimable: String(claimableViews),
    held: String(views.held),
    owed: String(owed),
    escrow: String(escrow),
    surplus: String(views.balance - owed),
  });
  return check.result();
}
