#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with its own unlocked gnome-keyring, so keytar
# talks to a real Secret Service without touching the user's own keychain. On macOS and Windows,
# and where a session keyring is explicitly wanted (REFLECT_USE_SESSION_KEYRING=1), it just runs.
set -euo pipefail

if [[ "$(uname -s)" != "Linux" || "${REFLECT_USE_SESSION_KEYRING:-0}" == "1" || -n "${REFLECT_PRIVATE_KEYRING:-}" ]]; then
  exec "$@"
fi

for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null; then
    echo "with-keyring: $tool is missing (apt-get install dbus-x11 gnome-keyring)" >&2
    exit 1
  fi
done

keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
export REFLECT_KEYRING_HOME="$keyring_home"

exec dbus-run-session -- bash -c '
  set -euo pipefail
  export HOME="$REFLECT_KEYRING_HOME" XDG_DATA_HOME="$REFLECT_KEYRING_HOME/.local/share"
  mkdir -p "$XDG_DATA_HOME/keyrings"
  # The password only unlocks this throwaway keyring; it is created and removed with the test run.
  eval "$(printf "test-keyring\n" | gnome-keyring-daemon --unlock --daemonize --components=secrets)"
  export GNOME_KEYRING_CONTROL REFLECT_PRIVATE_KEYRING=1
  exec "$@"
' with-keyring "$@"
