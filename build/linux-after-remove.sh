#!/bin/sh
rm -f /usr/bin/reflect
