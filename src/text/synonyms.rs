//! Equivalent phrasings: a hand-made table of technical and everyday equivalents, so that
//! "scaling out" matches "horizontal scaling" and "RTO" matches "recovery time objective".
//!
//! Each group's members are compared as stem sequences; a member found in an answer also counts as
//! every other member of its group.

use super::hash::FastMap as HashMap;
use super::{content_stems, Token};
use std::sync::OnceLock;

/// Groups of phrasings that mean the same thing in an interview answer. Written for this project.
const GROUPS: &[&[&str]] = &[
    &[
        "horizontal scaling",
        "scale out",
        "scaling out",
        "add more nodes",
        "adding more nodes",
        "add more servers",
        "additional instances",
        "run more copies",
        "scale horizontally",
        "adding machines",
        "add machines",
        "additional machines",
    ],
    &[
        "vertical scaling",
        "scale up",
        "scaling up",
        "bigger machine",
        "beefier machine",
        "bigger server",
        "larger instance",
        "more cpu and memory",
        "scale vertically",
    ],
    &["rto", "recovery time objective", "recovery time", "time to recover"],
    &["rpo", "recovery point objective", "data loss window", "acceptable data loss"],
    &[
        "high availability",
        "highly available",
        "ha",
        "stay available",
        "always available",
        "no single point of failure",
    ],
    &["disaster recovery", "dr", "recover from a disaster", "failover region"],
    &[
        "availability zone",
        "availability zones",
        "az",
        "azs",
        "multi az",
        "separate data centers",
        "different data centres",
    ],
    &[
        "load balancer",
        "load balancing",
        "elb",
        "alb",
        "nginx",
        "haproxy",
        "spread traffic",
        "distribute traffic",
        "traffic distributor",
    ],
    &["autoscaling", "auto scaling", "autoscale", "hpa", "scale automatically", "elastic scaling"],
    &["cache", "caching", "redis", "memcached", "cdn", "in memory store"],
    &["message queue", "queue", "sqs", "rabbitmq", "pub sub", "pubsub", "message broker", "event bus"],
    &["asynchronous", "async", "non blocking", "fire and forget", "decoupled"],
    &["circuit breaker", "circuit breakers", "fail fast", "stop calling a failing service"],
    &["retry", "retries", "retry with backoff", "exponential backoff", "try again"],
    &["idempotent", "idempotency", "safe to repeat", "deduplicate", "deduplication", "dedupe", "same result twice"],
    &["exactly once", "exactly-once", "eos", "no duplicates and no loss"],
    &["at least once", "at-least-once", "may be delivered twice", "redelivery"],
    &["infrastructure as code", "iac", "terraform", "cloudformation", "pulumi", "declarative infrastructure"],
    &["continuous integration", "ci", "ci/cd", "build pipeline", "automated build"],
    &["continuous delivery", "continuous deployment", "cd", "deployment pipeline", "automated deploys"],
    &["blue green", "blue/green", "blue-green deployment", "two identical environments"],
    &["canary", "canary release", "gradual rollout", "progressive delivery", "small percentage of traffic"],
    &["rollback", "roll back", "revert", "undo the deploy"],
    &["least privilege", "minimal permissions", "only the permissions", "narrow iam roles"],
    &["encryption at rest", "encrypted at rest", "kms", "encrypt stored data", "disk encryption"],
    &["encryption in transit", "tls", "https", "ssl", "mtls", "encrypt traffic"],
    &[
        "monitoring",
        "observability",
        "metrics",
        "dashboards",
        "alerting",
        "prometheus",
        "grafana",
        "datadog",
        "cloudwatch",
    ],
    &["logging", "logs", "structured logs", "log aggregation", "elk", "splunk"],
    &["tracing", "distributed tracing", "traces", "opentelemetry", "jaeger", "zipkin"],
    &["slo", "service level objective", "reliability target"],
    &["sli", "service level indicator"],
    &["error budget", "budget for failures", "allowed unreliability"],
    &["postmortem", "post mortem", "blameless review", "incident review", "retrospective", "retro"],
    &["root cause", "underlying cause", "why it happened", "five whys"],
    &["partition", "partitions", "shard", "shards", "sharding", "partitioning", "split the data", "splitting the data"],
    &["partition key", "message key", "record key", "keyed by", "routing key", "shard key"],
    &["consumer lag", "lag", "backlog", "falling behind", "offset lag"],
    &["watermark", "watermarks", "event time progress", "allowed lateness"],
    &["window", "windows", "windowing", "tumbling window", "sliding window", "session window"],
    &["checkpoint", "checkpoints", "checkpointing", "snapshot of state", "savepoint"],
    &["schema registry", "schema evolution", "avro", "protobuf", "backward compatible schema"],
    &["event sourcing", "append only log of events", "event log as source of truth"],
    &["cqrs", "command query responsibility segregation", "separate read and write models"],
    &["saga", "sagas", "compensating transaction", "compensating transactions", "compensation"],
    &["microservices", "microservice", "services", "service oriented"],
    &["monolith", "monolithic", "single codebase", "one big application"],
    &[
        "replication",
        "replica",
        "replicas",
        "replicate",
        "copies of the data",
        "read replica",
        "read-only copies",
        "read copies",
    ],
    &["consistency", "consistent", "strong consistency", "linearizable"],
    &["eventual consistency", "eventually consistent", "converge over time"],
    &[
        "latency",
        "response time",
        "p99",
        "p95",
        "how fast it responds",
        "load time",
        "how quickly pages load",
        "how quickly pages must load",
    ],
    &["throughput", "requests per second", "rps", "qps", "messages per second"],
    &["cost", "spend", "bill", "budget", "cheaper", "expensive", "pricing", "money"],
    &["reserved instances", "savings plans", "committed use", "reserved capacity"],
    &["spot instances", "spot", "preemptible", "interruptible instances"],
    &["rightsizing", "right sizing", "right-size", "downsize instances", "match instance size to usage"],
    &["unit test", "unit tests", "unit testing", "pytest", "junit", "jest"],
    &["integration test", "integration tests", "integration testing", "end to end test", "e2e"],
    &["mock", "mocks", "mocking", "stub", "stubs", "fake", "test double"],
    &["flaky", "flaky tests", "intermittent failures", "non deterministic tests", "random failures"],
    &["explicit wait", "explicit waits", "webdriverwait", "wait until", "wait for element"],
    &["page object", "page object model", "pom", "page objects", "screen class", "screen classes", "class per screen"],
    &["profiling", "profiler", "profile", "cprofile", "py-spy", "flame graph"],
    &["memory leak", "retain cycle", "strong reference cycle", "leaks memory"],
    &["weak reference", "weak", "unowned", "weak self"],
    &["main thread", "ui thread", "dispatchqueue.main", "mainactor"],
    &["gil", "global interpreter lock"],
    &["asyncio", "async await", "event loop", "coroutines"],
    &["multiprocessing", "multiple processes", "process pool", "processpoolexecutor"],
    // (select_related / prefetch_related fix the problem: they are not names for it)
    &["n+1", "n plus one", "one query per row", "query per row"],
    &["eager loading", "eager load", "eagerly load", "joinedload", "selectinload"],
    &["props", "properties passed from the parent", "inputs from the parent"],
    &["state", "component state", "usestate", "local state"],
    &["memoization", "memoisation", "memo", "usememo", "usecallback", "react.memo"],
    &["overfitting", "overfit", "high variance", "memorises the training data"],
    &[
        "cross validation",
        "cross-validation",
        "k fold",
        "kfold",
        "held out folds",
        "held-back folds",
        "held back folds",
    ],
    &["data leakage", "leakage", "target leakage", "leaking information"],
    &["precision", "recall", "f1", "auc", "roc", "pr curve", "confusion matrix"],
    &["class imbalance", "imbalanced", "rare class", "skewed classes", "oversampling", "undersampling", "smote"],
    &[
        "a/b test",
        "ab test",
        "a b test",
        "controlled experiment",
        "split test",
        "randomised experiment",
        "randomized experiment",
        "split randomly",
        "randomly split traffic",
    ],
    &["statistical significance", "p value", "p-value", "confidence interval", "significant"],
    &["stakeholders", "business stakeholders", "non technical audience", "product managers", "leadership"],
    &["fine tuning", "fine-tuning", "finetune", "finetuning", "adapt a pretrained model"],
    &["lora", "low rank adaptation", "adapters", "parameter efficient"],
    &["mixed precision", "fp16", "bf16", "half precision"],
    &["attention", "self attention", "attention heads", "multi head attention"],
    &["embedding", "embeddings", "word vectors", "vector representation"],
    &["bias", "biased", "fairness", "unfair", "demographic parity"],
    &["requirements", "clarify requirements", "clarifying questions", "ask questions first", "functional requirements"],
    &["assumption", "assumptions", "assume", "assuming", "my guesses", "educated guess"],
    &["estimate", "back of the envelope", "rough numbers", "capacity estimate", "estimation"],
    &["trade-off", "tradeoff", "trade off", "pros and cons", "weigh the options", "downside"],
    &["rate limit", "rate limiter", "rate limiting", "throttle", "throttling", "token bucket", "leaky bucket"],
    &["source of truth", "single source of truth", "single source", "exactly one place", "lives in one place"],
    &["hierarchy", "view hierarchy", "view tree", "component tree", "descendant", "descendants", "down the tree"],
    &["hardware limit", "ceiling", "biggest machine", "largest machine", "largest instance"],
    &["price per core", "per-core price", "cost per cpu", "price per cpu", "more per cpu"],
    &["patching", "security patches", "security fixes", "apply patches"],
    &["upgrades", "version upgrades", "new versions"],
    &["backups", "backup", "backed up"],
    &["on call", "on-call", "woken up", "woken at night"],
    &["lock-in", "vendor lock-in", "locked in", "stuck with one vendor", "tied to one vendor"],
    &["easy to leave", "walk away", "switch providers"],
    &["protocol-compatible", "wire compatible", "same wire format", "wire protocol"],
    &["dba", "database administrator", "database specialist"],
    &["differentiator", "sets us apart", "competitive advantage"],
    &["revisit", "reconsider"],
    &["offsets", "offset", "position number", "position in the log"],
    &["consumer group", "reader group", "reading group"],
    &["in-flight requests", "in flight", "outstanding requests", "outstanding batches"],
    &["adding partitions", "number of partitions", "partition count"],
    &["prototype", "rough version", "proof of concept", "spike"],
    &["test id", "data-testid", "test attributes", "testing attributes", "dedicated attributes"],
    &["configuration file", "config file", "settings file"],
    &["screenshot", "screenshots", "picture of the screen", "screen capture"],
    &["store managers", "shop managers", "store staff"],
    &["missing values", "missing data", "blank values", "blanks", "null values", "nulls"],
    &["missing indicator", "indicator flag", "missing flag", "was missing flag"],
    &["skewed", "lopsided", "long tail", "heavy tailed"],
    &["log transform", "logarithm", "log of the target"],
    &["shap", "contribution plots", "feature contributions"],
    &["point-in-time", "as of the prediction date", "available at prediction time"],
    &["single point of failure", "spof", "one component whose failure takes everything down"],
    &["conflict", "disagreement", "disagreed", "tension", "clash", "at odds"],
    &["stakeholder", "manager", "lead", "product owner"],
    &["feedback", "listened", "heard them out", "one on one", "1:1"],
    &["lesson", "learned", "learnt", "takeaway", "what i would do differently"],
    &["prioritise", "prioritize", "prioritised", "prioritized", "triage", "what mattered most"],
    &["deadline", "due date", "time pressure", "tight timeline"],
    &[
        "held-out",
        "held-out data",
        "held out data",
        "holdout",
        "holdout set",
        "hold-out set",
        "unseen data",
        "data the model never saw",
        "data it has never seen",
    ],
    &[
        "data drift",
        "concept drift",
        "distribution shift",
        "drift",
        "data starts to look different",
        "inputs change over time",
    ],
    &["heuristic", "rule of thumb", "hand-written rule"],
    &["retrain", "retraining", "retrained", "refresh the model", "update the model on new data"],
    &["availability", "uptime", "downtime", "how much downtime"],
    &["durability", "durable", "never lose data", "no data loss"],
    &["peak traffic", "peak load", "busiest time", "busiest moments", "busiest hour", "traffic spikes"],
    &["compliance", "regulation", "regulatory", "privacy law", "gdpr", "hipaa", "legal requirements"],
    &["influence", "persuade", "convinced", "won them over", "built consensus", "buy in"],
];

/// Pairs of groups (named by a member) that say opposite things: a clause naming one while the talking
/// point names the other states the point inverted.
const OPPOSED: &[(&str, &str)] = &[
    ("horizontal scaling", "vertical scaling"),
    ("eventual consistency", "strong consistency"),
    ("exactly once", "at least once"),
    ("monolith", "microservices"),
];

/// [`OPPOSED`] as group indices.
pub fn opposed() -> &'static [(usize, usize)] {
    &opposed_named().0
}

/// The stems of the name of an opposed group ("horizontal scaling"): said in a clause, it starts a
/// new statement about that group rather than describing another.
pub fn opposed_name(group: usize) -> Option<&'static [String]> {
    opposed_named().1.iter().find(|(g, _)| *g == group).map(|(_, s)| s.as_slice())
}

#[allow(clippy::type_complexity)]
fn opposed_named() -> &'static (Vec<(usize, usize)>, Vec<(usize, Vec<String>)>) {
    static PAIRS: OnceLock<(Vec<(usize, usize)>, Vec<(usize, Vec<String>)>)> = OnceLock::new();
    PAIRS.get_or_init(|| {
        let mut out = Vec::new();
        let mut names = Vec::new();
        for (a, b) in OPPOSED {
            let (sa, sb) = (content_stems(a), content_stems(b));
            if let (Some(ga), Some(gb)) = (groups_of(&sa).first().copied(), groups_of(&sb).first().copied()) {
                if ga != gb {
                    out.push((ga, gb));
                    names.push((ga, sa));
                    names.push((gb, sb));
                }
            }
        }
        (out, names)
    })
}

/// Groups of [`OPPOSED`] one of whose members the given stems spell out in full (a talking point's wording).
pub fn opposed_groups_in(has: &dyn Fn(&str) -> bool) -> Vec<usize> {
    let t = table();
    let mut out: Vec<usize> = Vec::new();
    for &(a, b) in opposed() {
        for g in [a, b] {
            // (members of two or more words only: one shared word such as "instance" says little)
            if !out.contains(&g)
                && t.members.iter().any(|(m, mg)| *mg == g && m.len() >= 2 && m.iter().all(|st| has(st)))
            {
                out.push(g);
            }
        }
    }
    out
}

struct Table {
    /// Stem sequences of every member, with their group index.
    members: Vec<(Vec<String>, usize)>,
    /// First stem → member indices, longest first.
    by_first: HashMap<String, Vec<usize>>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut members = Vec::new();
        for (g, group) in GROUPS.iter().enumerate() {
            for m in group.iter() {
                let mut stems = content_stems(m);
                if stems.is_empty() {
                    stems = super::analyze(m).tokens.into_iter().map(|t| t.stem.to_string()).collect();
                }
                if !stems.is_empty() {
                    members.push((stems, g));
                }
            }
        }
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, (stems, _)) in members.iter().enumerate() {
            if let Some(f) = stems.first() {
                by_first.entry(f.clone()).or_default().push(i);
            }
        }
        for list in by_first.values_mut() {
            crate::sort::sort_by_key(list, |&i| std::cmp::Reverse(members[i].0.len()));
        }
        Table { members, by_first }
    })
}

/// The key a group is indexed under (never a real stem: it has a space): `syn N`, made once per group.
pub fn group_key(group: usize) -> &'static str {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| (0..GROUPS.len()).map(|g| format!("syn {g}")).collect());
    keys.get(group).map(String::as_str).unwrap_or("syn")
}

/// Groups whose member is exactly this stem sequence (a talking-point phrase).
pub fn groups_of(stems: &[String]) -> Vec<usize> {
    let t = table();
    let mut out: Vec<usize> = t.members.iter().filter(|(m, _)| m.as_slice() == stems).map(|(_, g)| *g).collect();
    crate::sort::sort(&mut out);
    out.dedup();
    out
}

/// Every group member found among the given content tokens (consecutive, stopwords skipped), as
/// (group, first token index, last token index + 1).
pub fn find(tokens: &[Token], content: &[usize]) -> Vec<(usize, usize, usize)> {
    let t = table();
    let mut hits = Vec::new();
    for (ci, &ti) in content.iter().enumerate() {
        let Some(cands) = t.by_first.get(tokens[ti].stem.as_str()) else { continue };
        for &mi in cands {
            let (stems, g) = &t.members[mi];
            if ci + stems.len() <= content.len()
                && stems.iter().enumerate().all(|(k, s)| tokens[content[ci + k]].stem == *s)
                && content[ci + stems.len() - 1] - ti <= stems.len() + 3
            {
                hits.push((*g, ti, content[ci + stems.len() - 1] + 1));
                break;
            }
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::analyze;

    #[test]
    fn scaling_out_is_horizontal_scaling() {
        let a = analyze("We kept scaling out by adding more nodes behind the balancer.");
        let content: Vec<usize> = (0..a.tokens.len()).filter(|&i| !a.tokens[i].stop).collect();
        let hits = find(&a.tokens, &content);
        let g = groups_of(&content_stems("horizontal scaling"));
        assert_eq!(g.len(), 1);
        assert!(hits.iter().any(|h| h.0 == g[0]));
    }

    #[test]
    fn acronym_and_expansion_share_a_group() {
        assert_eq!(groups_of(&content_stems("RTO")), groups_of(&content_stems("recovery time objective")));
    }
}
