#!/bin/sh
# Copies what the backup step left in /backup to the environment's backup bucket; lifecycle rules on the bucket
# (infra/) compress, move to cold storage and expire it.
set -eu
gcloud storage cp --recursive /backup/* "gs://$BACKUP_BUCKET/{{namespace}}/{{kind}}/$(date -u +%Y/%m/%d/%H%M)/"
