#!/usr/bin/env bash
# pgctl.sh NAME PORT start|stop|status — control one private PostgreSQL cluster (used by tests that simulate an outage).
source "$(dirname "$0")/common.sh"
case "${3:-}" in
  start)  pg_start "$1" "$2" ;;
  stop)   pg_stop "$1" ;;
  status) pg_running "$1" && echo running || echo stopped ;;
  *) die "usage: pgctl.sh NAME PORT start|stop|status" ;;
esac
