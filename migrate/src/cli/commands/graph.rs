use super::Context;
use crate::cli::output::{Output, Printer};
use crate::engine::graph::Graph as Edges;
use crate::error::Result;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::{self, Write};

#[derive(clap::Args, Debug)]
pub(crate) struct Graph {
    /// Graphviz `dot` instead of a tree.
    #[arg(long)]
    dot: bool,
}

/// A migration in the graph.
struct Node {
    version: u64,
    name: String,
    status: String,
    after: Vec<u64>,
    /// Whether it named what it comes after, rather than following the version before it.
    declared: bool,
}

impl Graph {
    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        let mut statuses: BTreeMap<u64, String> = BTreeMap::new();
        if ctx.url().is_ok() {
            let (migrator, conn) = ctx.connect().await?;
            for m in migrator.status(conn).await?.migrations {
                statuses.insert(m.version, m.status);
            }
        }
        let graph = Edges::of(ctx.migrator.migrations());
        let mut nodes: Vec<Node> = Vec::new();
        for m in ctx.migrator.migrations() {
            if nodes.last().is_some_and(|n| n.version == m.version) {
                continue;
            }
            nodes.push(Node {
                version: m.version,
                name: m.name.clone(),
                status: statuses.get(&m.version).cloned().unwrap_or_else(|| "unknown".to_owned()),
                after: graph.parents(m.version).to_vec(),
                declared: graph.declared(m.version),
            });
        }
        Ok(Box::new(Drawn { nodes, dot: self.dot }))
    }
}

struct Drawn {
    nodes: Vec<Node>,
    dot: bool,
}

impl Drawn {
    /// Each migration under the highest version it depends on, roots at the top; a
    /// migration that follows the version before it without declaring it, alone there,
    /// continues the line instead of branching off it.
    fn tree(&self, p: &mut Printer) -> io::Result<()> {
        let children = |parent: Option<u64>| -> Vec<&Node> {
            self.nodes.iter().filter(|n| n.after.iter().max().copied() == parent).collect()
        };
        fn walk<'a>(
            p: &mut Printer,
            node: &'a Node,
            prefix: &str,
            branch: &str,
            children: &dyn Fn(Option<u64>) -> Vec<&'a Node>,
        ) -> io::Result<()> {
            let highest = node.after.iter().max().copied();
            let also: Vec<String> =
                node.after.iter().filter(|v| Some(**v) != highest).map(|v| format!("V{v:03}")).collect();
            let also = if also.is_empty() { String::new() } else { format!("  (also after {})", also.join(", ")) };
            writeln!(p.out, "{prefix}{branch}V{:03} {} [{}]{also}", node.version, node.name, node.status)?;
            let prefix = match branch {
                "└── " => format!("{prefix}    "),
                "├── " => format!("{prefix}│   "),
                _ => prefix.to_owned(),
            };
            let below = children(Some(node.version));
            if let [only] = below.as_slice()
                && !only.declared
            {
                return walk(p, only, &prefix, "", children);
            }
            for (i, child) in below.iter().enumerate() {
                walk(p, child, &prefix, if i + 1 == below.len() { "└── " } else { "├── " }, children)?;
            }
            Ok(())
        }
        for root in children(None) {
            walk(p, root, "", "", &children)?;
        }
        Ok(())
    }
}

impl Output for Drawn {
    fn json(&self) -> Value {
        let nodes: Vec<Value> =
            self.nodes.iter().map(|n| json!({"version": n.version, "name": n.name, "status": n.status})).collect();
        let edges: Vec<Value> =
            self.nodes
            .iter()
            .flat_map(|n| n.after.iter().map(move |d| json!({"from": d, "to": n.version, "declared": n.declared})))
            .collect();
        json!({"nodes": nodes, "edges": edges})
    }

    fn text(&self, p: &mut Printer) -> io::Result<()> {
        if !self.dot {
            return self.tree(p);
        }
        writeln!(p.out, "digraph migrations {{")?;
        writeln!(p.out, "  node [shape=box];")?;
        for n in &self.nodes {
            let colour = match n.status.as_str() {
                "applied" => "green",
                "failed" => "red",
                "pending" => "orange",
                _ => "gray",
            };
            let label = format!("V{:03} {}\\n{}", n.version, n.name.replace('"', "'"), n.status);
            writeln!(p.out, "  v{} [label=\"{label}\", color={colour}];", n.version)?;
        }
        for n in &self.nodes {
            // The version before, followed without being named: dashed.
            let style = if n.declared { "" } else { " [style=dashed]" };
            for d in &n.after {
                writeln!(p.out, "  v{d} -> v{}{style};", n.version)?;
            }
        }
        writeln!(p.out, "}}")
    }
}
