#!/bin/sh
# Puts the command line on PATH: `reflect <command>` runs the packaged app's --cli entry point.
cat > /usr/bin/reflect <<'SCRIPT'
#!/bin/sh
exec "/opt/Reflect Privacy Desk/reflect-privacy-desk" --cli "$@"
SCRIPT
chmod 755 /usr/bin/reflect
