//! Skills lexicon: technologies and engineering practices with a display name and a category,
//! and a single-pass matcher that finds them in free text (case-insensitive, whole words).
//!
//! Each entry lists its spellings in lowercase. A spelling written with a leading `^` is also an
//! ordinary English word ("Go", "React", "Spring", "rest"...): it is matched case-sensitively, as
//! written after the `^`, and — unless it is an all-capitals acronym — not at the start of a
//! sentence, where capitalisation says nothing. Spaces in a spelling match any run of whitespace or a
//! single hyphen ("infrastructure as code" also finds "infrastructure-as-code"); other punctuation
//! must be as written. Spellings of four or more characters ending in a letter also match a plural
//! `s` ("canary releases").

use crate::text::hash::{FastMap as HashMap, FastSet as HashSet};
use std::sync::OnceLock;

/// Categories of the lexicon.
pub mod category {
    pub const CLOUD: &str = "cloud";
    pub const LANGUAGE: &str = "language";
    pub const FRAMEWORK: &str = "framework";
    pub const DATABASE: &str = "database";
    pub const MESSAGING: &str = "messaging";
    pub const DATA: &str = "data";
    pub const DEVOPS: &str = "devops";
    pub const TESTING: &str = "testing";
    pub const ML: &str = "ml";
    pub const MOBILE: &str = "mobile";
    pub const OBSERVABILITY: &str = "observability";
    pub const ARCHITECTURE: &str = "architecture";
    pub const PRACTICE: &str = "practice";
    pub const SECURITY: &str = "security";
    pub const PROTOCOL: &str = "protocol";
    pub const TOOL: &str = "tool";
}

use category::*;

/// One lexicon entry.
#[derive(Debug, Clone, Copy)]
pub struct Skill {
    /// How the skill is shown in reports.
    pub name: &'static str,
    pub category: &'static str,
    /// Lowercase spellings; a leading `^` marks a case-sensitive spelling (see the module header).
    pub spellings: &'static [&'static str],
}

const fn k(name: &'static str, category: &'static str, spellings: &'static [&'static str]) -> Skill {
    Skill { name, category, spellings }
}

/// The lexicon. Grouped by category; order inside a group carries no meaning.
pub static SKILLS: &[Skill] = &[
    // Cloud platforms.
    k("AWS", CLOUD, &["aws", "amazon web services"]),
    k("Microsoft Azure", CLOUD, &["azure", "microsoft azure"]),
    k("Google Cloud", CLOUD, &["gcp", "google cloud", "google cloud platform"]),
    k("Oracle Cloud", CLOUD, &["oracle cloud", "oracle cloud infrastructure"]),
    k("IBM Cloud", CLOUD, &["ibm cloud"]),
    k("DigitalOcean", CLOUD, &["digitalocean", "digital ocean"]),
    k("Heroku", CLOUD, &["heroku"]),
    k("Cloudflare", CLOUD, &["cloudflare"]),
    k("Vercel", CLOUD, &["vercel"]),
    k("Netlify", CLOUD, &["netlify"]),
    k("OpenShift", CLOUD, &["openshift"]),
    // AWS services.
    k("Amazon EC2", CLOUD, &["ec2", "amazon ec2", "aws ec2"]),
    k("Amazon S3", CLOUD, &["s3", "amazon s3", "aws s3"]),
    k("AWS Lambda", CLOUD, &["aws lambda", "^Lambda"]),
    k("Amazon RDS", CLOUD, &["rds", "amazon rds", "aws rds"]),
    k("Amazon Aurora", CLOUD, &["amazon aurora", "aws aurora", "^Aurora"]),
    k("Amazon DynamoDB", DATABASE, &["dynamodb", "dynamo db", "amazon dynamodb"]),
    k("Amazon SQS", MESSAGING, &["sqs", "amazon sqs", "aws sqs"]),
    k("Amazon SNS", MESSAGING, &["sns", "amazon sns", "aws sns"]),
    k("Amazon Kinesis", MESSAGING, &["kinesis", "amazon kinesis", "aws kinesis", "kinesis data streams"]),
    k("Kinesis Data Analytics", DATA, &["kinesis data analytics", "amazon kinesis data analytics"]),
    k("Kinesis Data Firehose", DATA, &["kinesis data firehose", "kinesis firehose", "amazon kinesis data firehose"]),
    k("Amazon EventBridge", MESSAGING, &["eventbridge", "amazon eventbridge", "aws eventbridge"]),
    k("Amazon EKS", CLOUD, &["eks", "amazon eks", "aws eks", "elastic kubernetes service"]),
    k("Amazon ECS", CLOUD, &["ecs", "amazon ecs", "aws ecs", "elastic container service"]),
    k("Amazon ECR", CLOUD, &["ecr", "amazon ecr", "elastic container registry"]),
    k("AWS Fargate", CLOUD, &["fargate", "aws fargate"]),
    k("Amazon CloudFront", CLOUD, &["cloudfront", "amazon cloudfront"]),
    k("Amazon Route 53", CLOUD, &["route 53", "route53", "amazon route 53"]),
    k("Amazon VPC", CLOUD, &["vpc", "amazon vpc", "aws vpc"]),
    k("AWS IAM", SECURITY, &["aws iam", "^IAM"]),
    k("AWS CloudFormation", DEVOPS, &["cloudformation", "aws cloudformation"]),
    k("AWS CDK", DEVOPS, &["aws cdk", "^CDK"]),
    k("Amazon CloudWatch", OBSERVABILITY, &["cloudwatch", "amazon cloudwatch", "aws cloudwatch"]),
    k("AWS CloudTrail", SECURITY, &["cloudtrail", "aws cloudtrail"]),
    k("AWS Config", SECURITY, &["aws config"]),
    k("AWS Glue", DATA, &["aws glue"]),
    k("Amazon Redshift", DATABASE, &["redshift", "amazon redshift", "redshift spectrum"]),
    k("Amazon ElastiCache", DATABASE, &["elasticache", "amazon elasticache"]),
    k("Amazon Athena", DATA, &["amazon athena", "aws athena"]),
    k(
        "Elastic Load Balancing",
        CLOUD,
        &[
            "elastic load balancing",
            "elastic load balancer",
            "elb",
            "alb",
            "nlb",
            "application load balancer",
            "network load balancer",
        ],
    ),
    k("Auto Scaling groups", CLOUD, &["auto scaling group", "autoscaling group", "auto-scaling group", "^ASG"]),
    k("AWS Step Functions", CLOUD, &["step functions", "aws step functions"]),
    k("AWS CodePipeline", DEVOPS, &["codepipeline", "aws codepipeline"]),
    k("AWS CodeDeploy", DEVOPS, &["codedeploy", "aws codedeploy"]),
    k("AWS CodeCommit", DEVOPS, &["codecommit", "aws codecommit"]),
    k("AWS CodeBuild", DEVOPS, &["codebuild", "aws codebuild"]),
    k("AWS KMS", SECURITY, &["kms", "aws kms", "key management service"]),
    k("AWS Secrets Manager", SECURITY, &["secrets manager", "aws secrets manager"]),
    k("Amazon SageMaker", ML, &["sagemaker", "amazon sagemaker", "aws sagemaker"]),
    k("AWS Nitro Enclaves", SECURITY, &["nitro enclaves", "aws nitro enclaves"]),
    k("AWS Global Accelerator", CLOUD, &["global accelerator", "aws global accelerator"]),
    k("AWS Well-Architected Framework", PRACTICE, &["well-architected framework", "well architected framework"]),
    // Azure and Google Cloud services.
    k("Azure Functions", CLOUD, &["azure functions"]),
    k("Azure DevOps", DEVOPS, &["azure devops"]),
    k("Azure Kubernetes Service", CLOUD, &["aks", "azure kubernetes service"]),
    k("Azure Blob Storage", CLOUD, &["azure blob storage", "blob storage"]),
    k("Azure Cosmos DB", DATABASE, &["cosmos db", "cosmosdb", "azure cosmos db"]),
    k("Google Kubernetes Engine", CLOUD, &["gke", "google kubernetes engine"]),
    k("BigQuery", DATABASE, &["bigquery", "big query", "google bigquery"]),
    k("Google Cloud Run", CLOUD, &["cloud run", "google cloud run"]),
    k("Google Cloud Monitoring", OBSERVABILITY, &["google cloud monitoring", "cloud monitoring", "stackdriver"]),
    k("Cloud Spanner", DATABASE, &["cloud spanner", "google spanner", "^Spanner"]),
    k("Firebase", MOBILE, &["firebase"]),
    k("Firestore", DATABASE, &["firestore", "cloud firestore"]),
    // Languages.
    k("Python", LANGUAGE, &["python", "python3"]),
    k("Java", LANGUAGE, &["java"]),
    k("JavaScript", LANGUAGE, &["javascript", "^JS", "ecmascript"]),
    k("TypeScript", LANGUAGE, &["typescript"]),
    k("Go", LANGUAGE, &["golang", "^Go"]),
    k("Rust", LANGUAGE, &["^Rust", "rustlang"]),
    k("C++", LANGUAGE, &["c++", "cpp"]),
    k("C#", LANGUAGE, &["c#", "csharp"]),
    k("F#", LANGUAGE, &["f#"]),
    k("Ruby", LANGUAGE, &["^Ruby"]),
    k("PHP", LANGUAGE, &["php"]),
    k("Kotlin", LANGUAGE, &["kotlin"]),
    k("Swift", LANGUAGE, &["^Swift"]),
    k("Scala", LANGUAGE, &["scala"]),
    k("Objective-C", LANGUAGE, &["objective-c", "objective c", "objc"]),
    k("Dart", LANGUAGE, &["^Dart"]),
    k("Elixir", LANGUAGE, &["elixir"]),
    k("Erlang", LANGUAGE, &["erlang"]),
    k("Haskell", LANGUAGE, &["haskell"]),
    k("Clojure", LANGUAGE, &["clojure"]),
    k("Perl", LANGUAGE, &["perl"]),
    k("Lua", LANGUAGE, &["lua"]),
    k("MATLAB", LANGUAGE, &["matlab"]),
    k("Julia", LANGUAGE, &["^Julia"]),
    k("Groovy", LANGUAGE, &["groovy"]),
    k("Solidity", LANGUAGE, &["solidity"]),
    k("SQL", LANGUAGE, &["sql"]),
    k("PL/SQL", LANGUAGE, &["pl/sql", "plsql"]),
    k("T-SQL", LANGUAGE, &["t-sql", "tsql"]),
    k("Bash", LANGUAGE, &["bash", "shell scripting", "shell script"]),
    k("PowerShell", LANGUAGE, &["powershell"]),
    k("HTML", LANGUAGE, &["html", "html5"]),
    k("CSS", LANGUAGE, &["css", "css3"]),
    k("Sass", LANGUAGE, &["sass", "scss"]),
    k("WebAssembly", LANGUAGE, &["webassembly", "wasm"]),
    k("COBOL", LANGUAGE, &["cobol"]),
    // Frameworks and libraries.
    k("Django", FRAMEWORK, &["django"]),
    k("Flask", FRAMEWORK, &["^Flask"]),
    k("FastAPI", FRAMEWORK, &["fastapi"]),
    k("Spring", FRAMEWORK, &["^Spring", "spring framework"]),
    k("Spring Boot", FRAMEWORK, &["spring boot", "springboot"]),
    k("Express", FRAMEWORK, &["express.js", "expressjs", "^Express"]),
    k("Node.js", FRAMEWORK, &["node.js", "nodejs", "^Node"]),
    k("React", FRAMEWORK, &["react.js", "reactjs", "^React"]),
    k("React Native", MOBILE, &["react native"]),
    k("Angular", FRAMEWORK, &["angularjs", "angular.js", "^Angular"]),
    k("Vue.js", FRAMEWORK, &["vue", "vue.js", "vuejs"]),
    k("Svelte", FRAMEWORK, &["svelte", "sveltekit"]),
    k("Next.js", FRAMEWORK, &["next.js", "nextjs"]),
    k("Nuxt", FRAMEWORK, &["nuxt", "nuxt.js"]),
    k("Ruby on Rails", FRAMEWORK, &["ruby on rails", "^Rails"]),
    k("Laravel", FRAMEWORK, &["laravel"]),
    k("Symfony", FRAMEWORK, &["symfony"]),
    k("ASP.NET", FRAMEWORK, &["asp.net", "asp.net core"]),
    k(".NET", FRAMEWORK, &[".net", "dotnet", ".net core"]),
    k("Entity Framework", FRAMEWORK, &["entity framework"]),
    k("Hibernate", FRAMEWORK, &["hibernate"]),
    k("Redux", FRAMEWORK, &["redux"]),
    k("jQuery", FRAMEWORK, &["jquery"]),
    k("Tailwind CSS", FRAMEWORK, &["tailwind", "tailwind css", "tailwindcss"]),
    k("NestJS", FRAMEWORK, &["nestjs", "nest.js"]),
    k("Tokio", FRAMEWORK, &["tokio"]),
    k("Resilience4j", FRAMEWORK, &["resilience4j"]),
    k("Hystrix", FRAMEWORK, &["hystrix"]),
    k("Celery", FRAMEWORK, &["^Celery"]),
    k("gRPC", PROTOCOL, &["grpc"]),
    k("GraphQL", PROTOCOL, &["graphql"]),
    // Mobile.
    k("iOS", MOBILE, &["ios"]),
    k("Android", MOBILE, &["android"]),
    k("SwiftUI", MOBILE, &["swiftui"]),
    k("UIKit", MOBILE, &["uikit"]),
    k("Jetpack Compose", MOBILE, &["jetpack compose"]),
    k("Flutter", MOBILE, &["flutter"]),
    k("Xamarin", MOBILE, &["xamarin"]),
    k("Core Data", MOBILE, &["core data"]),
    k("Xcode", MOBILE, &["xcode"]),
    k("Android Studio", MOBILE, &["android studio"]),
    // Databases and stores.
    k("PostgreSQL", DATABASE, &["postgresql", "postgres"]),
    k("MySQL", DATABASE, &["mysql"]),
    k("MariaDB", DATABASE, &["mariadb"]),
    k("SQLite", DATABASE, &["sqlite"]),
    k("Oracle Database", DATABASE, &["oracle database", "oracle db", "^Oracle"]),
    k("SQL Server", DATABASE, &["sql server", "mssql", "microsoft sql server"]),
    k("MongoDB", DATABASE, &["mongodb", "^Mongo"]),
    k("Apache Cassandra", DATABASE, &["cassandra", "apache cassandra"]),
    k("Redis", DATABASE, &["redis"]),
    k("Memcached", DATABASE, &["memcached"]),
    k("Elasticsearch", DATABASE, &["elasticsearch", "elastic search"]),
    k("OpenSearch", DATABASE, &["opensearch"]),
    k("Neo4j", DATABASE, &["neo4j"]),
    k("CouchDB", DATABASE, &["couchdb"]),
    k("Couchbase", DATABASE, &["couchbase"]),
    k("HBase", DATABASE, &["hbase"]),
    k("InfluxDB", DATABASE, &["influxdb"]),
    k("TimescaleDB", DATABASE, &["timescaledb"]),
    k("ClickHouse", DATABASE, &["clickhouse"]),
    k("Snowflake", DATABASE, &["^Snowflake"]),
    k("Databricks", DATA, &["databricks"]),
    k("Pinecone", DATABASE, &["^Pinecone"]),
    k("FAISS", ML, &["faiss"]),
    // Messaging, streaming and data processing.
    k("Apache Kafka", MESSAGING, &["kafka", "apache kafka"]),
    k("Kafka Streams", MESSAGING, &["kafka streams"]),
    k("RabbitMQ", MESSAGING, &["rabbitmq", "rabbit mq"]),
    k("ActiveMQ", MESSAGING, &["activemq"]),
    k("NATS", MESSAGING, &["^NATS"]),
    k("Apache Pulsar", MESSAGING, &["apache pulsar", "^Pulsar"]),
    k("ZeroMQ", MESSAGING, &["zeromq", "zmq"]),
    k("MQTT", PROTOCOL, &["mqtt"]),
    k("Publish/subscribe", MESSAGING, &["pub/sub", "pubsub", "publish/subscribe", "publish-subscribe"]),
    k("Message queues", MESSAGING, &["message queue", "message queuing", "message broker"]),
    k("Dead-letter queues", MESSAGING, &["dead-letter queue", "dead letter queue", "^DLQ"]),
    k("Apache Flink", DATA, &["flink", "apache flink"]),
    k("Apache Spark", DATA, &["apache spark", "pyspark", "spark streaming", "^Spark"]),
    k("Apache Beam", DATA, &["apache beam"]),
    k("Apache Airflow", DATA, &["apache airflow", "^Airflow"]),
    k("Hadoop", DATA, &["hadoop", "hdfs"]),
    k("Apache Hive", DATA, &["apache hive", "^Hive"]),
    k("Trino", DATA, &["trino", "presto"]),
    k("dbt", DATA, &["^dbt"]),
    k("ETL", DATA, &["etl", "elt"]),
    k("Data lakes", DATA, &["data lake", "data lakehouse"]),
    k("Data warehousing", DATA, &["data warehouse", "data warehousing"]),
    k("Stream processing", DATA, &["stream processing", "real-time streaming"]),
    k("Change data capture", DATA, &["change data capture", "^CDC"]),
    k("Protocol Buffers", DATA, &["protocol buffers", "protobuf"]),
    k("Apache Avro", DATA, &["avro", "apache avro"]),
    k("Apache Parquet", DATA, &["parquet", "apache parquet"]),
    k("Tableau", DATA, &["tableau"]),
    k("Power BI", DATA, &["power bi", "powerbi"]),
    k("pandas", ML, &["pandas"]),
    k("NumPy", ML, &["numpy"]),
    // DevOps, infrastructure as code, CI/CD.
    k("Docker", DEVOPS, &["docker", "dockerfile"]),
    k("Docker Compose", DEVOPS, &["docker compose", "docker-compose"]),
    k("Kubernetes", DEVOPS, &["kubernetes", "k8s"]),
    k("Helm", DEVOPS, &["helm chart", "^Helm"]),
    k("Terraform", DEVOPS, &["terraform"]),
    k("Pulumi", DEVOPS, &["pulumi"]),
    k("Ansible", DEVOPS, &["ansible"]),
    k("Chef", DEVOPS, &["^Chef"]),
    k("Puppet", DEVOPS, &["^Puppet"]),
    k("SaltStack", DEVOPS, &["saltstack"]),
    k("Vagrant", DEVOPS, &["vagrant"]),
    k("Packer", DEVOPS, &["hashicorp packer", "^Packer"]),
    k("Jenkins", DEVOPS, &["jenkins"]),
    k("GitHub Actions", DEVOPS, &["github actions"]),
    k("GitLab CI", DEVOPS, &["gitlab ci", "gitlab ci/cd"]),
    k("GitLab", TOOL, &["gitlab"]),
    k("GitHub", TOOL, &["github"]),
    k("Bitbucket", TOOL, &["bitbucket"]),
    k("CircleCI", DEVOPS, &["circleci", "circle ci"]),
    k("Travis CI", DEVOPS, &["travis ci", "travisci"]),
    k("Argo CD", DEVOPS, &["argo cd", "argocd"]),
    k("Flux", DEVOPS, &["fluxcd", "flux cd"]),
    k("Spinnaker", DEVOPS, &["spinnaker"]),
    k("Git", TOOL, &["git"]),
    k("Gitflow", PRACTICE, &["gitflow", "git flow", "git-flow"]),
    k("Istio", DEVOPS, &["istio"]),
    k("Linkerd", DEVOPS, &["linkerd"]),
    k("Envoy", DEVOPS, &["envoy proxy", "^Envoy"]),
    k("Consul", DEVOPS, &["hashicorp consul", "^Consul"]),
    k("HashiCorp Vault", SECURITY, &["hashicorp vault", "^Vault"]),
    k("Nginx", DEVOPS, &["nginx"]),
    k("HAProxy", DEVOPS, &["haproxy"]),
    k("Podman", DEVOPS, &["podman"]),
    k("Maven", TOOL, &["maven"]),
    k("Gradle", TOOL, &["gradle"]),
    k("npm", TOOL, &["^npm"]),
    k("Webpack", TOOL, &["webpack"]),
    k("Bazel", TOOL, &["bazel"]),
    k("Linux", DEVOPS, &["linux"]),
    k("Jira", TOOL, &["jira"]),
    k("Confluence", TOOL, &["^Confluence"]),
    // Testing.
    k("Selenium", TESTING, &["selenium", "selenium webdriver", "webdriver"]),
    k("Cypress", TESTING, &["^Cypress"]),
    k("Playwright", TESTING, &["playwright"]),
    k("Puppeteer", TESTING, &["puppeteer"]),
    k("Jest", TESTING, &["^Jest"]),
    k("Mocha", TESTING, &["^Mocha"]),
    k("Jasmine", TESTING, &["^Jasmine"]),
    k("JUnit", TESTING, &["junit"]),
    k("TestNG", TESTING, &["testng"]),
    k("pytest", TESTING, &["pytest"]),
    k("RSpec", TESTING, &["rspec"]),
    k("Cucumber", TESTING, &["^Cucumber"]),
    k("Postman", TESTING, &["postman"]),
    k("REST Assured", TESTING, &["rest assured", "rest-assured", "restassured"]),
    k("JMeter", TESTING, &["jmeter"]),
    k("Gatling", TESTING, &["^Gatling"]),
    k("k6", TESTING, &["^k6"]),
    k("Locust", TESTING, &["^Locust"]),
    k("SonarQube", TESTING, &["sonarqube", "sonar qube"]),
    k("Appium", TESTING, &["appium"]),
    k("XCTest", TESTING, &["xctest", "xcuitest"]),
    k("Espresso", TESTING, &["^Espresso"]),
    k("Mockito", TESTING, &["mockito"]),
    k("WireMock", TESTING, &["wiremock"]),
    k("Testcontainers", TESTING, &["testcontainers"]),
    k("Unit testing", TESTING, &["unit test", "unit testing"]),
    k("Integration testing", TESTING, &["integration test", "integration testing"]),
    k("End-to-end testing", TESTING, &["end-to-end test", "end-to-end testing", "end to end testing", "^E2E"]),
    k("Test-driven development", PRACTICE, &["test-driven development", "test driven development", "tdd"]),
    k(
        "Behaviour-driven development",
        PRACTICE,
        &["behavior-driven development", "behaviour-driven development", "bdd"],
    ),
    k("Contract testing", TESTING, &["contract testing", "consumer-driven contract"]),
    k("Load testing", TESTING, &["load testing", "performance testing", "stress testing"]),
    k("Page Object Model", TESTING, &["page object model", "page object pattern"]),
    k("A/B testing", PRACTICE, &["a/b testing", "a/b test"]),
    // Machine learning and NLP.
    k("Machine learning", ML, &["machine learning", "^ML"]),
    k("Deep learning", ML, &["deep learning"]),
    k("Natural language processing", ML, &["natural language processing", "nlp"]),
    k("Computer vision", ML, &["computer vision"]),
    k("Reinforcement learning", ML, &["reinforcement learning"]),
    k("TensorFlow", ML, &["tensorflow"]),
    k("PyTorch", ML, &["pytorch", "torch"]),
    k("Keras", ML, &["keras"]),
    k("JAX", ML, &["^JAX"]),
    k("scikit-learn", ML, &["scikit-learn", "sklearn", "scikit learn"]),
    k("XGBoost", ML, &["xgboost"]),
    k("LightGBM", ML, &["lightgbm"]),
    k("SciPy", ML, &["scipy"]),
    k("Hugging Face", ML, &["hugging face", "huggingface"]),
    k("spaCy", ML, &["spacy"]),
    k("NLTK", ML, &["nltk"]),
    k("BERT", ML, &["^BERT"]),
    k("Large language models", ML, &["large language model", "llm"]),
    k("LangChain", ML, &["langchain"]),
    k("Retrieval-augmented generation", ML, &["retrieval augmented generation", "^RAG"]),
    k("Word embeddings", ML, &["word embedding", "word2vec"]),
    k("Fine-tuning", ML, &["fine tuning", "finetuning"]),
    k("MLflow", ML, &["mlflow"]),
    k("Kubeflow", ML, &["kubeflow"]),
    k("MLOps", ML, &["mlops"]),
    k("Jupyter", ML, &["jupyter", "jupyter notebook"]),
    k("CUDA", ML, &["cuda"]),
    k("ONNX", ML, &["onnx"]),
    k("OpenCV", ML, &["opencv"]),
    k("Mixed-precision training", ML, &["mixed precision", "mixed-precision training"]),
    k("Distributed training", ML, &["distributed training", "data parallelism", "model parallelism"]),
    k("Gradient descent", ML, &["gradient descent", "stochastic gradient descent"]),
    k("Feature engineering", ML, &["feature engineering"]),
    // Observability.
    k("Prometheus", OBSERVABILITY, &["prometheus"]),
    k("Grafana", OBSERVABILITY, &["grafana"]),
    k("Datadog", OBSERVABILITY, &["datadog", "data dog"]),
    k("New Relic", OBSERVABILITY, &["new relic", "newrelic"]),
    k("Splunk", OBSERVABILITY, &["splunk"]),
    k("ELK stack", OBSERVABILITY, &["elk stack", "^ELK"]),
    k("Logstash", OBSERVABILITY, &["logstash"]),
    k("Kibana", OBSERVABILITY, &["kibana"]),
    k("Fluentd", OBSERVABILITY, &["fluentd", "fluent bit", "fluentbit"]),
    k("Jaeger", OBSERVABILITY, &["jaeger"]),
    k("Zipkin", OBSERVABILITY, &["zipkin"]),
    k("OpenTelemetry", OBSERVABILITY, &["opentelemetry", "open telemetry", "otel"]),
    k("Sentry", OBSERVABILITY, &["^Sentry"]),
    k("PagerDuty", OBSERVABILITY, &["pagerduty"]),
    k("Dynatrace", OBSERVABILITY, &["dynatrace"]),
    k("AppDynamics", OBSERVABILITY, &["appdynamics"]),
    k("Distributed tracing", OBSERVABILITY, &["distributed tracing"]),
    k("Structured logging", OBSERVABILITY, &["structured logging", "centralized logging", "centralised logging"]),
    k(
        "Service level objectives",
        OBSERVABILITY,
        &["service level objective", "service-level objective", "^SLO", "^SLI", "^SLA"],
    ),
    k("Error budgets", OBSERVABILITY, &["error budget"]),
    // Architecture.
    k("Microservices", ARCHITECTURE, &["microservices", "microservice", "micro-services", "microservice architecture"]),
    k("Serverless", ARCHITECTURE, &["serverless"]),
    k(
        "Event-driven architecture",
        ARCHITECTURE,
        &["event-driven", "event driven", "event-driven architecture", "event driven architecture"],
    ),
    k("CQRS", ARCHITECTURE, &["cqrs"]),
    k("Event sourcing", ARCHITECTURE, &["event sourcing"]),
    k("Saga pattern", ARCHITECTURE, &["saga pattern", "saga"]),
    k("Circuit breakers", ARCHITECTURE, &["circuit breaker", "circuit-breaker"]),
    k("Service mesh", ARCHITECTURE, &["service mesh"]),
    k("API gateway", ARCHITECTURE, &["api gateway", "amazon api gateway"]),
    k("Load balancing", ARCHITECTURE, &["load balancing", "load balancer"]),
    k("Caching", ARCHITECTURE, &["caching layer", "cache invalidation", "write-through cache", "cache-aside"]),
    k("CDN", ARCHITECTURE, &["cdn", "content delivery network"]),
    k("Sharding", ARCHITECTURE, &["sharding", "database sharding"]),
    k("Read replicas", ARCHITECTURE, &["read replica", "read-replica"]),
    k("Multi-AZ deployment", ARCHITECTURE, &["multi-az", "multi az", "multiple availability zones"]),
    k("Multi-region architecture", ARCHITECTURE, &["multi-region", "multi region", "cross-region replication"]),
    k("Multi-cloud", ARCHITECTURE, &["multi-cloud", "multicloud", "multi cloud"]),
    k("Disaster recovery", ARCHITECTURE, &["disaster recovery"]),
    k("High availability", ARCHITECTURE, &["high availability", "highly available"]),
    k("Autoscaling", ARCHITECTURE, &["autoscaling", "auto-scaling", "auto scaling"]),
    k("Horizontal Pod Autoscaler", DEVOPS, &["horizontal pod autoscaler", "^HPA"]),
    k("Rate limiting", ARCHITECTURE, &["rate limiting", "rate limiter", "throttling"]),
    k("Idempotency", ARCHITECTURE, &["idempotency", "idempotent"]),
    k("Domain-driven design", ARCHITECTURE, &["domain-driven design", "domain driven design", "^DDD"]),
    k("Strangler fig pattern", ARCHITECTURE, &["strangler fig", "strangler pattern"]),
    k("Twelve-factor app", ARCHITECTURE, &["twelve-factor", "12-factor", "twelve factor"]),
    k("REST APIs", PROTOCOL, &["restful", "rest api", "^REST"]),
    k("WebSockets", PROTOCOL, &["websocket", "web socket"]),
    k("Server-sent events", PROTOCOL, &["server-sent events", "server sent events", "^SSE"]),
    k("HTTP/2", PROTOCOL, &["http/2", "http2"]),
    k("JSON", DATA, &["json"]),
    k("YAML", DATA, &["yaml"]),
    k("Containerization", DEVOPS, &["containerization", "containerisation", "containerized", "containerised"]),
    // Practices.
    k("Infrastructure as code", PRACTICE, &["infrastructure as code", "^IaC"]),
    k("CI/CD", PRACTICE, &["ci/cd", "cicd", "ci cd", "ci/cd pipeline"]),
    k("Continuous integration", PRACTICE, &["continuous integration"]),
    k("Continuous delivery", PRACTICE, &["continuous delivery", "continuous deployment"]),
    k(
        "Blue/green deployment",
        PRACTICE,
        &["blue/green deployment", "blue-green deployment", "blue green deployment", "blue/green"],
    ),
    k("Canary releases", PRACTICE, &["canary release", "canary deployment", "canary rollout"]),
    k("Feature flags", PRACTICE, &["feature flag", "feature toggle"]),
    k("Chaos engineering", PRACTICE, &["chaos engineering", "chaos experiment", "chaos monkey"]),
    k("GitOps", PRACTICE, &["gitops"]),
    k("DevOps", PRACTICE, &["devops"]),
    k("Site reliability engineering", PRACTICE, &["site reliability engineering", "^SRE"]),
    k("Agile", PRACTICE, &["^Agile", "agile methodology", "agile development"]),
    k("Scrum", PRACTICE, &["scrum"]),
    k("Kanban", PRACTICE, &["kanban"]),
    k("Code review", PRACTICE, &["code review", "peer review"]),
    k("Pair programming", PRACTICE, &["pair programming"]),
    k("Postmortems", PRACTICE, &["postmortem", "post-mortem", "blameless postmortem", "post-incident review"]),
    k("Incident response", PRACTICE, &["incident response", "incident management", "incident commander"]),
    k("Design patterns", PRACTICE, &["design patterns", "design pattern"]),
    k("Object-oriented programming", PRACTICE, &["object-oriented programming", "object oriented programming", "^OOP"]),
    k("Technical debt management", PRACTICE, &["technical debt", "tech debt"]),
    // Security.
    k("OAuth 2.0", SECURITY, &["oauth", "oauth2", "oauth 2.0"]),
    k("OpenID Connect", SECURITY, &["openid connect", "oidc"]),
    k("JWT", SECURITY, &["jwt", "json web token"]),
    k("SAML", SECURITY, &["saml"]),
    k("TLS", SECURITY, &["tls", "ssl", "ssl/tls", "mtls", "mutual tls"]),
    k(
        "Encryption at rest and in transit",
        SECURITY,
        &["encryption at rest", "encryption in transit", "encrypted at rest", "encrypted in transit"],
    ),
    k("Role-based access control", SECURITY, &["role-based access control", "role based access control", "rbac"]),
    k("Least privilege", SECURITY, &["least privilege", "least-privilege"]),
    k("Zero trust", SECURITY, &["zero trust", "zero-trust"]),
    k("Single sign-on", SECURITY, &["single sign-on", "single sign on", "^SSO"]),
    k(
        "Multi-factor authentication",
        SECURITY,
        &["multi-factor authentication", "multi factor authentication", "^MFA", "2fa"],
    ),
    k("OWASP", SECURITY, &["owasp", "owasp top 10"]),
    k("Penetration testing", SECURITY, &["penetration testing", "pen testing", "pentest"]),
    k("Network segmentation", SECURITY, &["network segmentation", "security group"]),
    k("Web application firewall", SECURITY, &["web application firewall", "^WAF"]),
];

/// One skill found in a text: byte offsets of the matched spelling and the entry it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SkillMatch {
    pub start: usize,
    pub end: usize,
    pub name: &'static str,
    pub category: &'static str,
}

/// Plural suffix: only spellings at least this long and ending in a letter may take a trailing `s`
/// (short ones such as "go" or "s3" would pick up unrelated words).
const PLURAL_MIN_LEN: usize = 4;

#[derive(Debug)]
struct Pattern {
    /// The spelling without the `^` marker (lowercase unless `exact`).
    text: &'static str,
    /// Bytes of punctuation before the first alphanumeric character (".net" has one).
    lead: usize,
    exact: bool,
    /// Whether an exact spelling can only be trusted away from the start of a sentence.
    not_at_sentence_start: bool,
    skill: usize,
}

#[derive(Debug)]
struct Index {
    /// Lowercase first word of each spelling → its patterns, longest first.
    by_first_word: HashMap<String, Vec<Pattern>>,
    /// Lowercase single-word spellings that are not ambiguous.
    single_words: HashSet<&'static str>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(build_index)
}

fn build_index() -> Index {
    let mut by_first_word: HashMap<String, Vec<Pattern>> = HashMap::default();
    let mut single_words = HashSet::default();
    for (skill, entry) in SKILLS.iter().enumerate() {
        for &raw in entry.spellings {
            let (text, exact) = match raw.strip_prefix('^') {
                Some(rest) => (rest, true),
                None => (raw, false),
            };
            let lead = text.bytes().take_while(|b| !b.is_ascii_alphanumeric()).count();
            let first: String = text[lead..]
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric())
                .map(|b| b.to_ascii_lowercase() as char)
                .collect();
            if first.is_empty() {
                continue;
            }
            let has_lower = text.bytes().any(|b| b.is_ascii_lowercase());
            if !exact && !text.contains(' ') {
                single_words.insert(text);
            }
            by_first_word.entry(first).or_default().push(Pattern {
                text,
                lead,
                exact,
                not_at_sentence_start: exact
                    && has_lower
                    && text.bytes().next().is_some_and(|b| b.is_ascii_uppercase()),
                skill,
            });
        }
    }
    for list in by_first_word.values_mut() {
        crate::sort::sort_by(list, |a, b| b.text.len().cmp(&a.text.len()).then(a.text.cmp(b.text)));
    }
    Index { by_first_word, single_words }
}

/// Characters that continue a word for boundary purposes.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether the lowercase word is a technology or practice spelled as one word in the lexicon
/// (e.g. "kafka", "terraform", "ci/cd"). Ambiguous words ("go", "react", "rest") return false,
/// since their case is not known here.
pub fn is_technology(word_lower: &str) -> bool {
    index().single_words.contains(word_lower)
}

/// Every skill mentioned in `text`: byte offsets, sorted, non-overlapping; where spellings overlap
/// the longest wins ("Kinesis Data Analytics" over "Kinesis").
pub fn find_skills(text: &str) -> Vec<SkillMatch> {
    let idx = index();
    let bytes = text.as_bytes();
    let mut found: Vec<(usize, usize, usize)> = Vec::new(); // (start, end, skill)
                                                            // A word starting at `start` whose alphanumeric run, lower-cased, is `key`.
    let mut at_word = |start: usize, key: &str| {
        // A plural word ("Lambdas") is filed under its singular first word.
        let singular = key.strip_suffix('s').filter(|k| k.len() >= PLURAL_MIN_LEN);
        let buckets = [idx.by_first_word.get(key), singular.and_then(|k| idx.by_first_word.get(k))];
        let hit = buckets
            .into_iter()
            .flatten()
            .flat_map(|patterns| patterns.iter())
            .find_map(|p| match_pattern(text, bytes, start, p).map(|(s, e)| (s, e, p.skill)));
        if let Some(m) = hit {
            found.push(m);
        }
    };
    let mut key = String::new();
    if text.is_ascii() {
        // The same words as the general loop below, byte by byte.
        let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        let mut i = 0;
        while i < bytes.len() {
            if !word(bytes[i]) || (i > 0 && word(bytes[i - 1])) {
                i += 1;
                continue;
            }
            let start = i;
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            // (a run opened by `_` is not a name)
            if bytes[start] != b'_' {
                key.clear();
                key.push_str(&text[start..i]);
                key.make_ascii_lowercase();
                at_word(start, &key);
            }
        }
        return select_non_overlapping(found)
            .into_iter()
            .filter_map(|(start, end, skill)| skill_match(start, end, skill))
            .collect();
    }
    let mut prev: Option<char> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        let starts_word = is_word_char(c) && !prev.is_some_and(is_word_char);
        prev = Some(c);
        if !starts_word {
            continue;
        }
        // The alphanumeric run beginning here is the lookup key.
        key.clear();
        let mut ascii = c.is_ascii_alphanumeric();
        key.push(c.to_ascii_lowercase());
        while let Some(&(_, d)) = iter.peek() {
            if !d.is_alphanumeric() {
                break;
            }
            ascii &= d.is_ascii_alphanumeric();
            key.push(d.to_ascii_lowercase());
            prev = Some(d);
            iter.next();
        }
        if ascii {
            at_word(start, &key);
        }
    }
    select_non_overlapping(found).into_iter().filter_map(|(start, end, skill)| skill_match(start, end, skill)).collect()
}

fn skill_match(start: usize, end: usize, skill: usize) -> Option<SkillMatch> {
    SKILLS.get(skill).map(|s| SkillMatch { start, end, name: s.name, category: s.category })
}

/// Keeps the longest matches first, drops any that overlap an already kept one, and returns them sorted.
fn select_non_overlapping(mut found: Vec<(usize, usize, usize)>) -> Vec<(usize, usize, usize)> {
    crate::sort::sort_by(&mut found, |a, b| (b.1 - b.0).cmp(&(a.1 - a.0)).then(a.0.cmp(&b.0)));
    // Kept matches sorted by start (a sorted Vec rather than a BTreeMap keyed by start: same
    // lookups, and no map code for this one key type in the wasm module).
    let mut kept: Vec<(usize, usize, usize)> = Vec::new();
    for (s, e, skill) in found {
        // The kept match starting last before `e` is the only one that can reach into `s..e`.
        let before = kept.partition_point(|k| k.0 < e);
        let clash_before = before.checked_sub(1).and_then(|i| kept.get(i)).is_some_and(|k| k.1 > s);
        if !clash_before {
            match kept.binary_search_by_key(&s, |k| k.0) {
                Ok(i) => kept[i] = (s, e, skill), // an empty match at a kept start replaces it
                Err(i) => kept.insert(i, (s, e, skill)),
            }
        }
    }
    kept
}

/// Tries one pattern at a word start; returns the matched byte range.
fn match_pattern(text: &str, bytes: &[u8], word_start: usize, p: &Pattern) -> Option<(usize, usize)> {
    let start = word_start.checked_sub(p.lead)?;
    if p.lead > 0 {
        // The leading punctuation must be there and must itself start a word (".NET", not "ASP.NET").
        if !text.is_char_boundary(start) {
            return None;
        }
        if text[..start].chars().next_back().is_some_and(is_word_char) {
            return None;
        }
    } else {
        // "node.js" is one name: do not find "js" inside it.
        let mut back = text[..start].chars().rev();
        if back.next() == Some('.') && back.next().is_some_and(is_word_char) {
            return None;
        }
    }
    let pat = p.text.as_bytes();
    let mut i = start;
    for &pb in pat {
        if pb == b' ' {
            if bytes.get(i) == Some(&b'-') {
                i += 1;
            } else {
                let from = i;
                while bytes.get(i).is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')) {
                    i += 1;
                }
                if i == from {
                    return None;
                }
            }
            continue;
        }
        let tb = *bytes.get(i)?;
        let same = if p.exact { tb == pb } else { tb.to_ascii_lowercase() == pb };
        if !same {
            return None;
        }
        i += 1;
    }
    let last = *pat.last()?;
    if pat.len() >= PLURAL_MIN_LEN && last.is_ascii_alphabetic() && bytes.get(i) == Some(&b's') {
        let after = text.get(i + 1..).and_then(|t| t.chars().next());
        if !after.is_some_and(is_word_char) {
            i += 1;
        }
    }
    // `i` always follows an ASCII byte here, so it is a char boundary.
    let next = text.get(i..).and_then(|t| t.chars().next());
    if next.is_some_and(is_word_char) {
        return None;
    }
    if last.is_ascii_alphanumeric() && matches!(next, Some('+') | Some('#')) {
        return None;
    }
    if p.not_at_sentence_start && at_sentence_start(text, start) {
        return None;
    }
    Some((start, i))
}

/// True when only spaces separate `pos` from the start of the text, a line start, or sentence-ending punctuation.
fn at_sentence_start(text: &str, pos: usize) -> bool {
    for c in text[..pos].chars().rev() {
        match c {
            ' ' | '\t' | '"' | '\u{201c}' | '\'' | '\u{2018}' | '*' | '(' => continue,
            '.' | '!' | '?' | '\n' | '\r' => return true,
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `select_non_overlapping` as it was written with a BTreeMap keyed by start.
    fn select_with_map(mut found: Vec<(usize, usize, usize)>) -> Vec<(usize, usize, usize)> {
        found.sort_by(|a, b| (b.1 - b.0).cmp(&(a.1 - a.0)).then(a.0.cmp(&b.0)));
        let mut kept = std::collections::BTreeMap::new();
        for (s, e, skill) in found {
            if !kept.range(..e).next_back().is_some_and(|(_, &(ke, _))| ke > s) {
                kept.insert(s, (e, skill));
            }
        }
        kept.into_iter().map(|(s, (e, skill))| (s, e, skill)).collect()
    }

    #[test]
    fn overlap_selection_matches_the_map_version() {
        let mut seed = 0x9e37_79b9_u64;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((seed >> 33) % n) as usize
        };
        for round in 0..2000 {
            let found: Vec<(usize, usize, usize)> = (0..next(12))
                .map(|skill| {
                    let start = next(30);
                    (start, start + next(6), skill) // empty matches included
                })
                .collect();
            assert_eq!(select_non_overlapping(found.clone()), select_with_map(found), "round {round}");
        }
    }

    #[test]
    fn ascii_text_finds_what_the_general_loop_finds() {
        for text in [
            "We moved from Kafka to Kinesis Data Analytics, ran k8s on AWS EKS and wrote Go services. React Lambdas.",
            "__init__ node.js ASP.NET .NET C# c++ CI/CD pipelines with GitHub Actions; Terraform_modules terraform-modules",
            "Postgres, PostgreSQL and Redis caches; a_kafka kafka_b 3kafka Kafkas; infrastructure-as-code\nSQL. Rust",
        ] {
            // A non-ASCII character after a line break sends the text through the general loop.
            let general = format!("{text}\n\u{e9}");
            let found = |t: &str| find_skills(t).into_iter().map(|m| (m.start, m.end, m.name)).collect::<Vec<_>>();
            assert_eq!(found(text), found(&general), "{text}");
        }
    }

    fn names(text: &str) -> Vec<&'static str> {
        find_skills(text).into_iter().map(|m| m.name).collect()
    }

    #[test]
    fn lexicon_is_large_and_well_formed() {
        assert!(SKILLS.len() >= 150, "only {} entries", SKILLS.len());
        let mut seen = HashSet::default();
        for s in SKILLS {
            assert!(!s.spellings.is_empty(), "{} has no spelling", s.name);
            for sp in s.spellings {
                let plain = sp.trim_start_matches('^');
                assert!(plain.is_ascii(), "{sp} is not ASCII");
                if !sp.starts_with('^') {
                    assert_eq!(plain, plain.to_ascii_lowercase(), "{sp} must be lowercase");
                }
                assert!(seen.insert(plain.to_ascii_lowercase()), "{sp} listed twice");
            }
        }
    }

    #[test]
    fn every_spelling_is_found_in_a_sentence() {
        for s in SKILLS {
            for sp in s.spellings {
                let plain = sp.trim_start_matches('^');
                let text = format!("Last year we used {plain} in production.");
                let found = find_skills(&text);
                assert!(
                    found.iter().any(|m| m.name == s.name && &text[m.start..m.end] == plain),
                    "{plain} not found as {}: {found:?}",
                    s.name
                );
            }
        }
    }

    #[test]
    fn case_insensitive_with_word_boundaries() {
        assert_eq!(names("We ran KAFKA and kubernetes."), vec!["Apache Kafka", "Kubernetes"]);
        assert!(names("JavaScript").contains(&"JavaScript"));
        assert!(!names("JavaScript").contains(&"Java"));
        assert!(names("my_kafka_topic").is_empty());
        assert!(names("awsome").is_empty());
    }

    #[test]
    fn offsets_are_bytes_sorted_and_non_overlapping() {
        let text = "Ünïcode first: Terraform, then AWS Lambda and Amazon Kinesis Data Analytics.";
        let found = find_skills(text);
        let spans: Vec<&str> = found.iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(spans, vec!["Terraform", "AWS Lambda", "Amazon Kinesis Data Analytics"]);
        for w in found.windows(2) {
            assert!(w[0].end <= w[1].start);
        }
    }

    #[test]
    fn longest_match_wins() {
        assert_eq!(names("Spring Boot services"), vec!["Spring Boot"]);
        assert_eq!(names("we use React Native daily"), vec!["React Native"]);
        assert_eq!(names("ran a Kafka Streams job"), vec!["Kafka Streams"]);
    }

    #[test]
    fn punctuation_in_names() {
        assert_eq!(names("Modern C++ and C# code"), vec!["C++", "C#"]);
        assert_eq!(names("a Node.js service"), vec!["Node.js"]);
        assert_eq!(names("we ship .NET apps"), vec![".NET"]);
        assert_eq!(names("ASP.NET Core sites"), vec!["ASP.NET"]);
        assert_eq!(names("solid CI/CD."), vec!["CI/CD"]);
        assert_eq!(names("AWS/GCP"), vec!["AWS", "Google Cloud"]);
        assert!(names("the file main.js").is_empty());
    }

    #[test]
    fn hyphens_spaces_and_plurals() {
        assert_eq!(names("we practise infrastructure-as-code"), vec!["Infrastructure as code"]);
        assert_eq!(
            names("we did blue-green deployments and canary releases"),
            vec!["Blue/green deployment", "Canary releases"]
        );
        assert_eq!(names("chaos\n engineering"), vec!["Chaos engineering"]);
        assert_eq!(names("many Lambdas"), vec!["AWS Lambda"]);
    }

    #[test]
    fn ambiguous_words_need_capitals_mid_sentence() {
        assert!(names("I go to work and react quickly to a rest period in spring.").is_empty());
        assert_eq!(names("Services in Go talk to a React front end over REST."), vec!["Go", "React", "REST APIs"]);
        // At the start of a sentence the capital says nothing.
        assert!(names("Go ahead. React calmly.").is_empty());
        // Acronyms in capitals are fine anywhere.
        assert_eq!(names("IAM roles matter."), vec!["AWS IAM"]);
        assert!(names("iam not sure").is_empty());
    }

    #[test]
    fn is_technology_lookups() {
        assert!(is_technology("kafka"));
        assert!(is_technology("terraform"));
        assert!(is_technology("ci/cd"));
        assert!(!is_technology("go"));
        assert!(!is_technology("react"));
        assert!(!is_technology("the"));
        assert!(!is_technology(""));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in [
            "",
            "+",
            "#",
            ".",
            ".net",
            "C",
            "c++",
            "é",
            "😀 aws 😀",
            "a/b",
            "blue/",
            "ci/",
            "\u{feff}Kafka",
            "route\u{a0}53",
        ] {
            let found = find_skills(t);
            for m in found {
                assert!(t.is_char_boundary(m.start) && t.is_char_boundary(m.end));
            }
        }
    }
}
