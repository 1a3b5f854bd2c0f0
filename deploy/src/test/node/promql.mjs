// Parses every PromQL expression of the alerting rules and of the Grafana dashboard with Prometheus' own PromQL
// grammar (@prometheus-io/lezer-promql). Prints one JSON line per expression: where it is, the first syntax error's
// offset (null when none) and the metric names it selects.
// Usage: node promql.mjs <rules.yaml> <dashboard.json>
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { parser } from '@prometheus-io/lezer-promql';

const [rulesFile, dashboardFile] = process.argv.slice(2);
const expressions = [];
for (const group of parseYaml(readFileSync(rulesFile, 'utf8')).groups) {
  for (const rule of group.rules) {
    expressions.push({ source: 'rules', name: rule.alert ?? rule.record, expr: rule.expr });
  }
}
for (const panel of JSON.parse(readFileSync(dashboardFile, 'utf8')).panels) {
  for (const target of panel.targets) {
    // Grafana's interval variable is not PromQL; any duration stands in for it.
    expressions.push({ source: 'dashboard', name: panel.title, expr: target.expr.replaceAll('$__rate_interval', '5m') });
  }
}
for (const expression of expressions) {
  const text = expression.expr.trim();
  let error = null;
  const metrics = [];
  parser.parse(text).iterate({
    enter: (node) => {
      if (node.type.isError) error ??= node.from;
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') {
        metrics.push(text.slice(node.from, node.to));
      }
    },
  });
  console.log(JSON.stringify({ ...expression, error, metrics }));
}
