import { Component, type ErrorInfo, type ReactNode } from 'react';
import type { ReportedScreen } from '../../../../shared/ipc/log-schemas';
import { describeError, reportError, type ErrorDescription } from './error-reports';
import { ScreenFailed } from './ScreenFailed';

interface Props {
  screen: ReportedScreen;
  /** The screen's name as the navigation shows it ("Audit"). */
  label: string;
  children: ReactNode;
}

interface State {
  failure: { error: ErrorDescription; time: Date } | null;
  /** undefined while the report is on its way to the log; null when it was not recorded. */
  incident: string | null | undefined;
}

/**
 * One per screen: an error while showing a screen replaces that screen (not the whole window)
 * with what happened and what to do, and records it in the log. The navigation stays usable, and
 * the screen is mounted afresh when the officer tries again or comes back to it.
 */
export class ScreenBoundary extends Component<Props, State> {
  override state: State = { failure: null, incident: undefined };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { failure: { error: describeError(error), time: new Date() }, incident: undefined };
  }

  override componentDidCatch(error: unknown, _info: ErrorInfo): void {
    void reportError('screen-error', error, this.props.screen).then((incident) => {
      this.setState({ incident });
    });
  }

  override render(): ReactNode {
    const { failure, incident } = this.state;
    if (failure === null) return this.props.children;
    return (
      <ScreenFailed
        screen={this.props.screen}
        label={this.props.label}
        error={failure.error}
        time={failure.time}
        incident={incident}
        onRetry={() => this.setState({ failure: null, incident: undefined })}
      />
    );
  }
}
