/** Keeps the pane from going blank: a render error shows a message and a Reload button. */
import { Component, type ReactNode } from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { t, type Locale } from "../messages";

interface Props {
  locale: Locale;
  children: ReactNode;
}

interface State {
  error: unknown;
  hasError: boolean;
  generation: number;
}

function errorReason(e: unknown): string {
  return e instanceof Error ? e.message || e.name : String(e);
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, hasError: false, generation: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error, hasError: true };
  }

  override componentDidCatch(error: unknown): void {
    // Also in the console for whoever debugs; the user sees the message in the pane.
    console.error("PlanSheet pane error:", error);
  }

  private reload = () => this.setState((s) => ({ error: null, hasError: false, generation: s.generation + 1 }));

  override render() {
    const { locale } = this.props;
    if (this.state.hasError) {
      return (
        <MessageBar intent="error" layout="multiline" role="alert" data-testid="crash">
          <MessageBarBody>
            <MessageBarTitle>{t(locale, "pane.error.crashTitle")}</MessageBarTitle>
            {t(locale, "pane.error.crash", { reason: errorReason(this.state.error) })}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={this.reload}>{t(locale, "pane.error.reload")}</Button>
          </MessageBarActions>
        </MessageBar>
      );
    }
    return <div key={this.state.generation}>{this.props.children}</div>;
  }
}
