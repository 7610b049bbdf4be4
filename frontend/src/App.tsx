// The shell: header with the wallet button, the network guard, the program bar and one view.
// Views load lazily so the first paint carries only the shell.
import { Component, lazy, Suspense, useEffect, useState, type ReactNode } from "react";
import { configProblems } from "./config.ts";
import { NetworkGuard } from "./program/NetworkGuard.tsx";
import { ProgramBar, useProgramChoice } from "./program/ProgramBar.tsx";
import { useRefreshOnNewBlocks } from "./program/live.ts";
import { ErrorNote } from "./ui/ErrorNote.tsx";
import { WalletButton } from "./wallet/WalletButton.tsx";

const StartView = lazy(() => import("./start/StartView.tsx"));
const ContributorView = lazy(() => import("./contributor/ContributorView.tsx"));
const ConsumerView = lazy(() => import("./consumer/ConsumerView.tsx"));
const SubmitView = lazy(() => import("./submit/SubmitView.tsx"));
const CatalogueView = lazy(() => import("./catalogue/CatalogueView.tsx"));
const AuditView = lazy(() => import("./auditor/AuditView.tsx"));

const VIEWS = [
  { id: "start", label: "Start" },
  { id: "contributor", label: "Earnings" },
  { id: "submit", label: "Contribute" },
  { id: "consumer", label: "Deposit" },
  { id: "catalogue", label: "Catalogue" },
  { id: "audit", label: "Audit" },
] as const;
type ViewId = (typeof VIEWS)[number]["id"];

/** The view the address names; a first visit (no view named) starts on the page that explains 1TT. */
function viewFromHash(): ViewId {
  const id = window.location.hash.replace(/^#\/?/, "");
  if (id === "") return "start";
  return VIEWS.some((v) => v.id === id) ? (id as ViewId) : "contributor";
}

export function App() {
  const [view, setView] = useState<ViewId>(viewFromHash);
  useEffect(() => {
    const onHash = () => setView(viewFromHash());
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);
  const block = useRefreshOnNewBlocks();
  const [program, setProgram] = useProgramChoice();

  return (
    <>
      {/* Moves focus without touching the hash: the hash names the view, and "#main" names none. */}
      <a
        className="skip"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById("main")?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="top">
        <div className="brand">
          <span className="logo" aria-hidden="true">1TT</span>
          <span className="brand-text">Data contributors, paid by the token</span>
        </div>
        <nav aria-label="Views">
          {VIEWS.map((v) => (
            <a key={v.id} href={`#/${v.id}`} aria-current={view === v.id ? "page" : undefined}>
              {v.label}
            </a>
          ))}
        </nav>
        <div className="wallet">
          <WalletButton />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {configProblems.length > 0 && (
          <div className="note note-error" role="alert">
            <strong>This build is misconfigured.</strong>
            <ul>
              {configProblems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
            See frontend/README.md for the settings.
          </div>
        )}
        <NetworkGuard />
        {block.error && (
          <ErrorNote error={block.error}>
            <button type="button" onClick={() => block.refetch()}>
              Retry now
            </button>
          </ErrorNote>
        )}
        <ProgramBar program={program} onChange={setProgram} />
        <Boundary key={`${view}-${program}`}>
          <Suspense fallback={<div className="view placeholder" aria-busy="true" />}>
            {view === "start" ? (
              <StartView program={program} />
            ) : program === undefined ? (
              <p className="note">Choose a revenue program above to see its figures.</p>
            ) : view === "contributor" ? (
              <ContributorView program={program} />
            ) : view === "submit" ? (
              <SubmitView program={program} />
            ) : view === "consumer" ? (
              <ConsumerView program={program} />
            ) : view === "audit" ? (
              <AuditView program={program} />
            ) : (
              <CatalogueView program={program} />
            )}
          </Suspense>
        </Boundary>
      </main>
      <footer className="foot">
        <span>
          Block <span data-testid="block">{block.data?.toString() ?? "…"}</span>
        </span>
        <span>Every figure is read from the chain; nothing here is cached by the page.</span>
      </footer>
    </>
  );
}

/** Last line of defence: a render error shows a message and a reload, never a blank page. */
class Boundary extends Component<{ children: ReactNode }, { error?: unknown }> {
  state: { error?: unknown } = {};
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  render() {
    if (this.state.error === undefined) return this.props.children;
    return (
      <ErrorNote error={this.state.error}>
        <button type="button" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </ErrorNote>
    );
  }
}
