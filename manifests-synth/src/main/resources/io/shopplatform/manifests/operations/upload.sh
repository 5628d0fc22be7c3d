#!/bin/sh
# Copies what the backup step left in /backup to the environment's backup bucket; lifecycle rules on the bucket
# (infra/) compress, move to cold storage and expire it.
set -eu
# The job may only create objects, never overwrite: every run writes under a new timestamped prefix.
gcloud storage cp --recursive /backup/* "gs://$BACKUP_BUCKET/{{prefix}}/$(date -u +%Y/%m/%d/%H%M%S)/"
