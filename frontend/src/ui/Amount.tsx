// An amount of money as every page shows it, with its exact value on hover and in what is copied:
// the figure is rounded for reading, never for a person who copies it into a wallet.
import { exactAmount, formatMoney } from "../../../oracle/protocol/format.ts";

export function Amount({ units, decimals, symbol }: { units: bigint; decimals: number; symbol: string }) {
  const exact = `${exactAmount(units, decimals)} ${symbol}`;
  return (
    <span
      className="amount"
      title={exact}
      data-value={units.toString()}
      onCopy={(e) => {
        e.clipboardData.setData("text/plain", exact);
        e.preventDefault();
      }}
    >
      {formatMoney(units, decimals)} {symbol}
    </span>
  );
}
