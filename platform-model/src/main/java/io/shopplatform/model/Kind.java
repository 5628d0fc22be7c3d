package io.shopplatform.model;

/** What a component is; decides how it is deployed (Deployment, StatefulSet, CronJob) and run locally. */
public enum Kind {
    /** Outside the platform's namespace: the load balancer in front, the monitoring stack. */
    EXTERNAL,
    /** A Spring Boot service of ours (Deployment + HPA + PDB). */
    SERVICE,
    /** Stateful servers of the data tier (StatefulSet). */
    DATABASE, POOLER, CACHE, BROKER, SEARCH,
    /** Scheduled maintenance (CronJob). */
    JOB,
    /** Runs to completion when an operator (or a deployment) starts it: a Job, never a schedule. */
    TASK
}
