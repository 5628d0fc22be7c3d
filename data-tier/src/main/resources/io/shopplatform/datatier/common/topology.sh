# Rendered from the platform model by data-tier: the members and poolers of this data tier and where they listen.
# The only file besides the configuration files that differs between the cluster and the local runner.
MEMBERS="{{members}}"
# The member that initialises a new cluster, when no other member answers.
BOOTSTRAP_MEMBER="{{bootstrap_member}}"
# How long a failover may take, detection included (the model's target): a returning primary waits this long
# for a promotion under way before it starts as primary.
FAILOVER_GRACE_S={{failover_grace_s}}
{{member_table}}
POOLERS="{{poolers}}"
{{pooler_table}}
SUPERUSER="{{superuser}}"
REPLICATION_USER="{{replication_user}}"
DATABASE="{{database}}"
PCP_USER="{{pcp_user}}"
STANZA="{{stanza}}"
PG_BIN="{{pg_bin}}"
PGPOOL_BIN="{{pgpool_bin}}"
PGBACKREST="{{pgbackrest}}"
