var __defProp = Object.defineProperty;
var __export = (target2, all) => {
  for (var name in all)
    __defProp(target2, name, { get: all[name], enumerable: true });
};

// server/config.ts
import { z } from "zod";
var environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default("0.0.0.0"),
  DESK_DB: z.string().default("data/deskwright.sqlite"),
  SMTP_URL: z.url().optional(),
  MAIL_FROM: z.string().default("Deskwright <desk@localhost>"),
  DESK_PUBLIC_URL: z.url().optional(),
  DESK_NAME: z.string().default("IT Service Desk"),
  DESK_ADMIN_EMAIL: z.email().optional(),
  DESK_ADMIN_PASSWORD: z.string().min(12, "DESK_ADMIN_PASSWORD must be at least 12 characters").optional(),
  /** Only for `npm run bench`, to measure what the statement cache is worth. */
  DESK_STATEMENT_CACHE: z.enum(["on", "off"]).default("on")
});
function loadConfig(env = process.env) {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`The desk's configuration is not valid:
${lines.join("\n")}`);
  }
  const e = parsed.data;
  const publicUrl = (e.DESK_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
  return {
    port: e.PORT,
    host: e.HOST,
    dbFile: e.DESK_DB,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicUrl,
    deskName: e.DESK_NAME,
    secureCookies: publicUrl.startsWith("https://"),
    admin: { email: e.DESK_ADMIN_EMAIL, password: e.DESK_ADMIN_PASSWORD },
    cacheStatements: e.DESK_STATEMENT_CACHE === "on"
  };
}

// server/db/database.ts
import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
var maxCachedStatements = 1e3;
function withStatementCache(sqlite) {
  const cache = /* @__PURE__ */ new Map();
  return {
    prepare(sql6) {
      let statement = cache.get(sql6);
      if (!statement) {
        if (cache.size >= maxCachedStatements) cache.clear();
        statement = sqlite.prepare(sql6);
        cache.set(sql6, statement);
      }
      return statement;
    },
    close() {
      cache.clear();
      sqlite.close();
    }
  };
}
function openDatabase(file, options = {}) {
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const database = options.cacheStatements === false ? sqlite : withStatementCache(sqlite);
  const db = new Kysely({ dialect: new SqliteDialect({ database }) });
  return { db, sqlite, close: () => db.destroy() };
}

// server/db/migrations/index.ts
import { Migrator } from "kysely";

// server/db/migrations/2026_11_22_0001_create_desk.ts
var create_desk_exports = {};
__export(create_desk_exports, {
  down: () => down,
  up: () => up
});
import { sql } from "kysely";
async function up(db) {
  await db.schema.createTable("users").addColumn("id", "text", (c) => c.primaryKey()).addColumn("email", "text", (c) => c.notNull().unique()).addColumn("name", "text", (c) => c.notNull()).addColumn("password_hash", "text").addColumn("roles", "text", (c) => c.notNull().defaultTo("[]")).addColumn("locale", "text", (c) => c.notNull().defaultTo("en")).addColumn("time_zone", "text", (c) => c.notNull().defaultTo("UTC")).addColumn("created_at", "text", (c) => c.notNull()).execute();
  await db.schema.createTable("sessions").addColumn("id_hash", "text", (c) => c.primaryKey()).addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade")).addColumn("created_at", "text", (c) => c.notNull()).addColumn("expires_at", "text", (c) => c.notNull()).execute();
  await db.schema.createTable("api_tokens").addColumn("id", "text", (c) => c.primaryKey()).addColumn("token_hash", "text", (c) => c.notNull().unique()).addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade")).addColumn("name", "text", (c) => c.notNull()).addColumn("created_at", "text", (c) => c.notNull()).addColumn("last_used_at", "text").execute();
  await db.schema.createTable("groups").addColumn("id", "text", (c) => c.primaryKey()).addColumn("name", "text", (c) => c.notNull()).addColumn("tier", "text", (c) => c.notNull()).execute();
  await db.schema.createTable("group_members").addColumn("group_id", "text", (c) => c.notNull().references("groups.id").onDelete("cascade")).addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade")).addPrimaryKeyConstraint("group_members_pk", ["group_id", "user_id"]).execute();
  await db.schema.createTable("queues").addColumn("id", "text", (c) => c.primaryKey()).addColumn("name", "text", (c) => c.notNull()).addColumn("group_id", "text", (c) => c.notNull().references("groups.id")).addColumn("manager", "text").execute();
  await db.schema.createTable("sla_policies").addColumn("id", "text", (c) => c.primaryKey()).addColumn("definition", "text", (c) => c.notNull()).execute();
  await db.schema.createTable("workflows").addColumn("id", "text", (c) => c.primaryKey()).addColumn("draft", "text", (c) => c.notNull()).addColumn("draft_revision", "integer", (c) => c.notNull().defaultTo(1)).addColumn("draft_updated_at", "text", (c) => c.notNull()).addColumn("draft_updated_by", "text").addColumn("created_at", "text", (c) => c.notNull()).execute();
  await db.schema.createTable("workflow_versions").addColumn("id", "integer", (c) => c.primaryKey().autoIncrement()).addColumn("workflow_id", "text", (c) => c.notNull().references("workflows.id")).addColumn("version", "integer", (c) => c.notNull()).addColumn("definition", "text", (c) => c.notNull()).addColumn("note", "text").addColumn("published_at", "text", (c) => c.notNull()).addColumn("published_by", "text").addUniqueConstraint("workflow_versions_number", ["workflow_id", "version"]).execute();
  await db.schema.createTable("templates").addColumn("name", "text", (c) => c.notNull()).addColumn("locale", "text", (c) => c.notNull()).addColumn("subject", "text", (c) => c.notNull()).addColumn("body", "text", (c) => c.notNull()).addColumn("origin", "text", (c) => c.notNull()).addColumn("updated_at", "text", (c) => c.notNull()).addColumn("updated_by", "text").addPrimaryKeyConstraint("templates_pk", ["name", "locale"]).execute();
  await db.schema.createTable("counters").addColumn("name", "text", (c) => c.primaryKey()).addColumn("value", "integer", (c) => c.notNull()).execute();
  await db.insertInto("counters").values({ name: "ticket", value: 1e3 }).execute();
  await db.schema.createTable("tickets").addColumn("id", "integer", (c) => c.primaryKey()).addColumn("workflow_id", "text", (c) => c.notNull().references("workflows.id")).addColumn("workflow_version_id", "integer", (c) => c.notNull().references("workflow_versions.id")).addColumn("kind", "text", (c) => c.notNull()).addColumn("status", "text", (c) => c.notNull()).addColumn("title", "text", (c) => c.notNull()).addColumn("category", "text").addColumn("priority", "text", (c) => c.notNull()).addColumn("impact", "text").addColumn("urgency", "text").addColumn("queue_id", "text", (c) => c.notNull().references("queues.id")).addColumn("assignee_id", "text", (c) => c.references("users.id")).addColumn("requester_id", "text", (c) => c.notNull().references("users.id")).addColumn("fields", "text", (c) => c.notNull()).addColumn("sla_policy", "text", (c) => c.notNull()).addColumn("response_due_at", "text").addColumn("resolution_due_at", "text").addColumn("idempotency_key", "text").addColumn("created_at", "text", (c) => c.notNull()).addColumn("updated_at", "text", (c) => c.notNull()).addColumn("row_version", "integer", (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.createIndex("tickets_active_by_queue").on("tickets").columns(["queue_id", "priority", "created_at"]).where(sql.ref("status"), "in", ["new", "open", "pending"]).execute();
  await db.schema.createIndex("tickets_by_requester").on("tickets").columns(["requester_id", "created_at"]).execute();
  await db.schema.createIndex("tickets_idempotency").on("tickets").columns(["requester_id", "idempotency_key"]).unique().where(sql.ref("idempotency_key"), "is not", null).execute();
  await db.schema.createTable("ticket_events").addColumn("id", "integer", (c) => c.primaryKey().autoIncrement()).addColumn("ticket_id", "integer", (c) => c.notNull().references("tickets.id")).addColumn("type", "text", (c) => c.notNull()).addColumn("actor_id", "text").addColumn("data", "text", (c) => c.notNull()).addColumn("created_at", "text", (c) => c.notNull()).execute();
  await db.schema.createIndex("ticket_events_by_ticket").on("ticket_events").columns(["ticket_id", "id"]).execute();
  await db.schema.createTable("outbox").addColumn("id", "integer", (c) => c.primaryKey().autoIncrement()).addColumn("ticket_id", "integer", (c) => c.references("tickets.id")).addColumn("template", "text", (c) => c.notNull()).addColumn("locale", "text", (c) => c.notNull()).addColumn("recipient", "text", (c) => c.notNull()).addColumn("subject", "text", (c) => c.notNull()).addColumn("text_body", "text", (c) => c.notNull()).addColumn("html_body", "text", (c) => c.notNull()).addColumn("status", "text", (c) => c.notNull()).addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0)).addColumn("last_error", "text").addColumn("next_attempt_at", "text", (c) => c.notNull()).addColumn("claimed_until", "text").addColumn("created_at", "text", (c) => c.notNull()).addColumn("sent_at", "text").execute();
  await db.schema.createIndex("outbox_due").on("outbox").columns(["next_attempt_at"]).where(sql.ref("status"), "=", "pending").execute();
}
async function down(db) {
  for (const table of ["outbox", "ticket_events", "tickets", "counters", "templates", "workflow_versions", "workflows", "sla_policies", "queues", "group_members", "groups", "api_tokens", "sessions", "users"]) {
    await db.schema.dropTable(table).execute();
  }
}

// server/db/migrations/2026_11_22_0002_settings_revision.ts
var settings_revision_exports = {};
__export(settings_revision_exports, {
  down: () => down2,
  up: () => up2
});
async function up2(db) {
  await db.insertInto("counters").values({ name: "settings", value: 1 }).execute();
}
async function down2(db) {
  await db.deleteFrom("counters").where("name", "=", "settings").execute();
}

// server/db/migrations/2026_11_22_0003_ticket_search.ts
var ticket_search_exports = {};
__export(ticket_search_exports, {
  down: () => down3,
  up: () => up3
});
import { sql as sql2 } from "kysely";
async function up3(db) {
  await sql2`CREATE VIRTUAL TABLE ticket_search USING fts5(title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')`.execute(db);
  await sql2`INSERT INTO ticket_search (rowid, title, body) SELECT id, title, fields FROM tickets`.execute(db);
}
async function down3(db) {
  await sql2`DROP TABLE ticket_search`.execute(db);
}

// server/db/migrations/2026_11_22_0004_sla_due_indexes.ts
var sla_due_indexes_exports = {};
__export(sla_due_indexes_exports, {
  down: () => down4,
  up: () => up4
});
import { sql as sql3 } from "kysely";
async function up4(db) {
  for (const column of ["response_due_at", "resolution_due_at"]) {
    await db.schema.createIndex(`tickets_active_by_${column}`).on("tickets").column(column).where(sql3.ref("status"), "in", ["new", "open", "pending"]).execute();
  }
  await db.schema.createIndex("tickets_active_by_queue_assignee").on("tickets").columns(["queue_id", "assignee_id"]).where(sql3.ref("status"), "in", ["new", "open", "pending"]).execute();
}
async function down4(db) {
  await db.schema.dropIndex("tickets_active_by_queue_assignee").execute();
  await db.schema.dropIndex("tickets_active_by_resolution_due_at").execute();
  await db.schema.dropIndex("tickets_active_by_response_due_at").execute();
}

// server/db/migrations/index.ts
var migrations = {
  "2026_11_22_0001_create_desk": create_desk_exports,
  "2026_11_22_0002_settings_revision": settings_revision_exports,
  "2026_11_22_0003_ticket_search": ticket_search_exports,
  "2026_11_22_0004_sla_due_indexes": sla_due_indexes_exports
};
var provider = { getMigrations: async () => migrations };
async function migrateToLatest(db) {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`database migration ${failed} failed: ${error.message ?? String(error)}`);
  }
}

// server/desk.ts
import { serve } from "@hono/node-server";
import { mkdirSync } from "node:fs";
import { dirname as dirname2 } from "node:path";

// server/app.ts
import { OpenAPIHono as OpenAPIHono2, createRoute as createRoute8, z as z17 } from "@hono/zod-openapi";
import { serveStatic } from "@hono/node-server/serve-static";
import { swaggerUI } from "@hono/swagger-ui";
import { existsSync, readFileSync as readFileSync2 } from "node:fs";
import { join as join2, relative } from "node:path";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { secureHeaders } from "hono/secure-headers";

// server/assets.ts
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

// server/engine/templates.ts
import Handlebars from "handlebars";
var maxTemplateLength = 64 * 1024;
var tokenNames = {
  EOF: "the end of the template",
  CLOSE: '"}}"',
  CLOSE_UNESCAPED: '"}}}"',
  OPEN: '"{{"',
  OPEN_BLOCK: '"{{#"',
  OPEN_ENDBLOCK: '"{{/"',
  INVALID: "a character that does not belong there"
};
function describeToken(hash) {
  if (hash.token === "INVALID" && hash.text) return `"${hash.text}" where it does not belong`;
  return tokenNames[hash.token ?? ""] ?? (hash.text ? `"${hash.text}"` : "something unexpected");
}
Handlebars.Parser.parseError = function(message, hash) {
  const error = new Error(message);
  const loc = this?.lexer?.yylloc ?? hash?.loc;
  if (loc) error.location = { line: loc.first_line, column: loc.first_column + 1, found: describeToken(hash) };
  throw error;
};
var handlebars = Handlebars.create();
var dateFormats = /* @__PURE__ */ new Map();
function dateFormat(locale, timeZone) {
  const key = `${locale}|${timeZone}`;
  let format = dateFormats.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, { dateStyle: "medium", timeStyle: "short", timeZone });
    } catch {
      format = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
    }
    if (dateFormats.size > 200) dateFormats.clear();
    dateFormats.set(key, format);
  }
  return format;
}
var helpers = {
  /** `{{date ticket.createdAt}}` → "22 Nov 2026, 14:05" in the desk's (or recipient's) time zone. */
  date(value, options) {
    if (typeof value !== "string" && !(value instanceof Date)) return "";
    const when = new Date(value);
    if (Number.isNaN(when.getTime())) return "";
    const root2 = options.data?.root;
    const timeZone = root2?.recipient?.timeZone ?? "UTC";
    const locale = root2?.recipient?.locale ?? "en";
    return dateFormat(locale, timeZone).format(when);
  },
  /** `{{duration 270}}` (minutes) → "4 h 30 min". */
  duration(value) {
    const minutes = Number(value);
    if (!Number.isFinite(minutes)) return "";
    const days = Math.floor(minutes / 1440);
    const hours = Math.floor(minutes % 1440 / 60);
    const rest = Math.round(minutes % 60);
    return [days && `${days} d`, hours && `${hours} h`, rest && `${rest} min`].filter(Boolean).join(" ") || "0 min";
  },
  /** `{{#if (eq ticket.priority "P1")}}`. */
  eq(a, b) {
    return a === b;
  }
};
for (const [name, helper] of Object.entries(helpers)) handlebars.registerHelper(name, helper);
var allowedHelpers = ["date", "duration", "eq", "if", "unless", "each", "with"];
var knownHelpers = Object.fromEntries(allowedHelpers.map((h) => [h, true]));
var builtInHelpers = /* @__PURE__ */ new Set(["log", "lookup", "helperMissing", "blockHelperMissing"]);
function forbiddenConstructs(program) {
  const problems2 = [];
  const at = (node) => ({ line: node.loc?.start.line ?? 1, column: (node.loc?.start.column ?? 0) + 1 });
  const visit = (node) => {
    if (!node || typeof node !== "object") return;
    const n = node;
    switch (n.type) {
      case "PartialStatement":
      case "PartialBlockStatement":
        problems2.push({ ...at(n), message: "partials ({{> name}}) are not allowed in notification templates" });
        break;
      case "DecoratorBlock":
      case "Decorator":
        problems2.push({ ...at(n), message: "decorators ({{* name}}) are not allowed in notification templates" });
        break;
      case "MustacheStatement":
      case "BlockStatement":
      case "SubExpression": {
        if (n.type === "MustacheStatement" && n.escaped === false) {
          problems2.push({ ...at(n), message: "unescaped output ({{{ }}} or {{& }}) is not allowed: use {{ }}" });
        }
        const call = n;
        const name = call.path?.type === "PathExpression" && call.path.parts?.length === 1 ? String(call.path.original) : void 0;
        const isCall = n.type !== "MustacheStatement" || (call.params?.length ?? 0) > 0 || call.hash !== void 0 || builtInHelpers.has(name ?? "");
        if (isCall && name !== void 0 && !allowedHelpers.includes(name)) {
          problems2.push({ ...at(n), message: `"${name}" is not a helper templates may use; use one of ${allowedHelpers.join(", ")}` });
        }
        break;
      }
      case "PathExpression": {
        const parts = n.path ?? n;
        const bad = (parts.parts ?? []).find((p) => p === "__proto__" || p === "constructor" || p === "prototype" || p === "__defineGetter__" || p === "__lookupGetter__");
        if (bad) problems2.push({ ...at(n), message: `"${String(bad)}" cannot be read in a template` });
        break;
      }
    }
    for (const value of Object.values(n)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === "object" && value !== n.loc) visit(value);
    }
  };
  visit(program);
  return problems2;
}
function checkPart(part, source) {
  if (source.length > maxTemplateLength) {
    return [{ part, line: 1, column: 1, message: `the ${part} is longer than ${maxTemplateLength} characters` }];
  }
  let program;
  try {
    program = handlebars.parse(source);
  } catch (error) {
    const e = error;
    if (e.location) {
      return [{ part, line: e.location.line, column: e.location.column, message: `the template cannot be read here: found ${e.location.found}` }];
    }
    const message = e.message.split("\n")[0].replace(/ - \d+:\d+$/, "");
    return [{ part, line: e.lineNumber ?? 1, column: (e.column ?? 0) + 1, message }];
  }
  const problems2 = forbiddenConstructs(program).map((p) => ({ part, ...p }));
  if (problems2.length) return problems2;
  try {
    handlebars.precompile(program, { knownHelpers, knownHelpersOnly: true, strict: false });
  } catch (error) {
    const e = error;
    return [{ part, line: e.lineNumber ?? 1, column: (e.column ?? 0) + 1, message: e.message.replace(/ - \d+:\d+$/, "") }];
  }
  return [];
}
function checkTemplate(source) {
  return [...checkPart("subject", source.subject), ...checkPart("body", source.body)];
}
var compiledCache = /* @__PURE__ */ new Map();
var maxCached = 500;
function compiled(source) {
  const key = `${source.subject}\0${source.body}`;
  let entry = compiledCache.get(key);
  if (!entry) {
    const problems2 = checkTemplate(source);
    if (problems2.length) {
      const p = problems2[0];
      throw new Error(`${p.part} ${p.line}:${p.column}: ${p.message}`);
    }
    const options = { knownHelpers, knownHelpersOnly: true, strict: false };
    entry = {
      subject: handlebars.compile(source.subject, { ...options, noEscape: true }),
      text: handlebars.compile(source.body, { ...options, noEscape: true })
    };
    if (compiledCache.size >= maxCached) compiledCache.delete(compiledCache.keys().next().value);
    compiledCache.set(key, entry);
  }
  return entry;
}
var runtimeOptions = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false
};
function renderTemplate(source, context) {
  const template = compiled(source);
  const text = template.text(context, runtimeOptions);
  return {
    subject: template.subject(context, runtimeOptions).replace(/[\r\n]+/g, " ").trim(),
    text,
    // Templates are plain text, so escaping the whole rendered text escapes
    // every value and reads the same; one render instead of two.
    html: handlebars.escapeExpression(text)
  };
}
function parseTemplateFile(file) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(file);
  if (!match) return { subject: "", body: file };
  const subjectLine = match[1].split(/\r?\n/).find((l) => /^subject:/.test(l)) ?? "subject:";
  let subject = subjectLine.replace(/^subject:\s*/, "");
  if (/^"[\s\S]*"$/.test(subject)) subject = JSON.parse(subject);
  return { subject, body: match[2] };
}

// server/assets.ts
var root = join(dirname(fileURLToPath(import.meta.url)), "..");
function shippedDefaults() {
  const workflowDir = join(root, "workflows");
  const files = readdirSync(workflowDir).filter((f) => f.endsWith(".json") && f !== "desk.json" && !f.endsWith(".schema.json")).sort();
  const templateDir = join(root, "templates");
  const templates = readdirSync(templateDir, { withFileTypes: true }).filter((d) => d.isDirectory()).flatMap(
    (locale) => readdirSync(join(templateDir, locale.name)).filter((f) => f.endsWith(".hbs")).sort().map((f) => ({ name: f.replace(/\.hbs$/, ""), locale: locale.name, ...parseTemplateFile(readFileSync(join(templateDir, locale.name, f), "utf8")) }))
  );
  return {
    desk: JSON.parse(readFileSync(join(workflowDir, "desk.json"), "utf8")),
    workflows: files.map((f) => JSON.parse(readFileSync(join(workflowDir, f), "utf8"))),
    templates
  };
}
var uiDistDir = join(root, "ui", "dist");
var swaggerUiDir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));

// server/http/access.ts
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";

// server/errors.ts
var DeskError = class extends Error {
  status;
  /** Stable, machine-readable: `validation`, `not-found`, `conflict`… */
  code;
  errors;
  constructor(status, code, message, errors) {
    super(message);
    this.status = status;
    this.code = code;
    this.errors = errors;
  }
};
var notFound = (what) => new DeskError(404, "not-found", `${what} was not found`);
var invalid = (message, errors) => new DeskError(422, "validation", message, errors);
var unauthenticated = () => new DeskError(401, "unauthenticated", "Sign in first");

// server/db/transaction.ts
function inTransaction(db, work) {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

// server/services/auth.service.ts
import { createHash, randomBytes as randomBytes2, randomUUID } from "node:crypto";

// server/db/sessions.repository.ts
async function insertSession(db, s) {
  await db.insertInto("sessions").values({ id_hash: s.idHash, user_id: s.userId, created_at: s.createdAt, expires_at: s.expiresAt }).execute();
}
async function findSessionUser(db, idHash, now) {
  const row = await db.selectFrom("sessions").select("user_id").where("id_hash", "=", idHash).where("expires_at", ">", now).executeTakeFirst();
  return row?.user_id;
}
async function deleteSession(db, idHash) {
  await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
}
async function insertApiToken(db, t) {
  await db.insertInto("api_tokens").values({ id: t.id, token_hash: t.tokenHash, user_id: t.userId, name: t.name, created_at: t.createdAt }).execute();
}
async function findTokenUser(db, tokenHash) {
  const row = await db.selectFrom("api_tokens").select("user_id").where("token_hash", "=", tokenHash).executeTakeFirst();
  return row?.user_id;
}

// server/db/settings-revision.repository.ts
async function settingsRevision(db) {
  const row = await db.selectFrom("counters").select("value").where("name", "=", "settings").executeTakeFirstOrThrow();
  return row.value;
}
async function bumpSettingsRevision(db) {
  await db.updateTable("counters").set((eb) => ({ value: eb("value", "+", 1) })).where("name", "=", "settings").execute();
}

// server/db/users.repository.ts
function toUser(row, groups) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: JSON.parse(row.roles),
    locale: row.locale,
    timeZone: row.time_zone,
    groups
  };
}
async function groupsOf(db, userId) {
  const rows = await db.selectFrom("group_members").select("group_id").where("user_id", "=", userId).orderBy("group_id").execute();
  return rows.map((r) => r.group_id);
}
async function findUserById(db, id) {
  const row = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toUser(row, await groupsOf(db, row.id));
}
async function findUserForLogin(db, email) {
  const row = await db.selectFrom("users").selectAll().where("email", "=", email.trim().toLowerCase()).executeTakeFirst();
  return row && { user: toUser(row, await groupsOf(db, row.id)), passwordHash: row.password_hash };
}
async function findUserIdByEmail(db, email) {
  const row = await db.selectFrom("users").select("id").where("email", "=", email.trim().toLowerCase()).executeTakeFirst();
  return row?.id;
}
async function insertUser(db, user2) {
  await db.insertInto("users").values({
    id: user2.id,
    email: user2.email.trim().toLowerCase(),
    name: user2.name,
    password_hash: user2.passwordHash,
    roles: JSON.stringify(user2.roles),
    locale: user2.locale,
    time_zone: user2.timeZone,
    created_at: user2.createdAt
  }).execute();
}
async function setUserGroups(db, userId, groups) {
  await db.deleteFrom("group_members").where("user_id", "=", userId).execute();
  if (groups.length) {
    await db.insertInto("group_members").values(groups.map((g) => ({ group_id: g, user_id: userId }))).execute();
  }
  await bumpSettingsRevision(db);
}
async function countUsers(db) {
  const row = await db.selectFrom("users").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}
async function listUsers(db) {
  const rows = await db.selectFrom("users").selectAll().orderBy("email").execute();
  const members = await db.selectFrom("group_members").selectAll().execute();
  return rows.map((r) => toUser(r, members.filter((m) => m.user_id === r.id).map((m) => m.group_id)));
}
async function groupMembers(db, groupId) {
  const rows = await db.selectFrom("group_members").innerJoin("users", "users.id", "group_members.user_id").select(["users.name", "users.email", "users.locale", "users.time_zone"]).where("group_members.group_id", "=", groupId).orderBy("users.email").execute();
  return rows.map((r) => ({ name: r.name, email: r.email, locale: r.locale, timeZone: r.time_zone }));
}

// server/db/desk.repository.ts
async function listGroups(db) {
  const rows = await db.selectFrom("groups").selectAll().orderBy("id").execute();
  return rows.map((r) => ({ id: r.id, name: JSON.parse(r.name), tier: r.tier }));
}
async function upsertGroup(db, group2) {
  await db.insertInto("groups").values({ id: group2.id, name: JSON.stringify(group2.name), tier: group2.tier }).onConflict((oc) => oc.column("id").doUpdateSet({ name: JSON.stringify(group2.name), tier: group2.tier })).execute();
  await bumpSettingsRevision(db);
}
async function listQueues(db) {
  const rows = await db.selectFrom("queues").selectAll().orderBy("id").execute();
  return rows.map((r) => ({ id: r.id, name: JSON.parse(r.name), group: r.group_id, ...r.manager ? { manager: r.manager } : {} }));
}
async function upsertQueue(db, queue2) {
  const values = { name: JSON.stringify(queue2.name), group_id: queue2.group, manager: queue2.manager ?? null };
  await db.insertInto("queues").values({ id: queue2.id, ...values }).onConflict((oc) => oc.column("id").doUpdateSet(values)).execute();
  await bumpSettingsRevision(db);
}
async function listSlaPolicies(db) {
  const rows = await db.selectFrom("sla_policies").selectAll().orderBy("id").execute();
  return rows.map((r) => JSON.parse(r.definition));
}
async function upsertSlaPolicy(db, policy) {
  const definition = JSON.stringify(policy);
  await db.insertInto("sla_policies").values({ id: policy.id, definition }).onConflict((oc) => oc.column("id").doUpdateSet({ definition })).execute();
  await bumpSettingsRevision(db);
}

// server/services/passwords.ts
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from "node:crypto";
var params = { N: 16384, r: 8, p: 1, keyLength: 32 };
function scrypt(password, salt, keyLength, options) {
  return new Promise(
    (resolve, reject) => scryptCallback(password.normalize("NFKC"), salt, keyLength, { ...options, maxmem: 64 * 1024 * 1024 }, (err, key) => err ? reject(err) : resolve(key))
  );
}
async function hashPassword(password) {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, params.keyLength, { N: params.N, r: params.r, p: params.p });
  return ["scrypt", params.N, params.r, params.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}
async function verifyPassword(password, stored) {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const key = await scrypt(password, Buffer.from(salt, "base64url"), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(key, expected);
}
function generatePassword() {
  return randomBytes(18).toString("base64url");
}

// server/services/auth.service.ts
var sessionLifetimeMs = 14 * 24 * 60 * 60 * 1e3;
var unknownUserHash = hashPassword("not a real password");
var sha256 = (secret) => createHash("sha256").update(secret).digest("base64url");
async function signIn(desk, email, password) {
  const found = await findUserForLogin(desk.db, email);
  const ok = found?.passwordHash ? await verifyPassword(password, found.passwordHash) : (await verifyPassword(password, await unknownUserHash), false);
  if (!found || !ok) throw new DeskError(401, "bad-credentials", "The e-mail address or password is not right");
  const secret = randomBytes2(32).toString("base64url");
  const now = desk.now();
  const expiresAt = new Date(now.getTime() + sessionLifetimeMs);
  await insertSession(desk.db, { idHash: sha256(secret), userId: found.user.id, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
  return { user: found.user, sessionSecret: secret, expiresAt };
}
async function signOut(desk, sessionSecret) {
  await deleteSession(desk.db, sha256(sessionSecret));
}
async function userForSession(desk, sessionSecret) {
  const userId = await findSessionUser(desk.db, sha256(sessionSecret), desk.now().toISOString());
  return userId ? findUserById(desk.db, userId) : void 0;
}
async function userForToken(desk, token) {
  const userId = await findTokenUser(desk.db, sha256(token));
  return userId ? findUserById(desk.db, userId) : void 0;
}
async function createApiToken(desk, userId, name) {
  if (!await findUserById(desk.db, userId)) throw new DeskError(422, "validation", "No such user", [{ path: "userId", message: "no user has this id" }]);
  const token = `dw_${randomBytes2(32).toString("base64url")}`;
  const id = randomUUID();
  await insertApiToken(desk.db, { id, tokenHash: sha256(token), userId, name, createdAt: desk.now().toISOString() });
  return { id, token };
}
async function createUser(desk, input) {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return inTransaction(desk.db, async (trx) => {
    const known = new Set((await listGroups(trx)).map((g) => g.id));
    const unknown = input.groups.map((g, i) => [g, i]).filter(([g]) => !known.has(g));
    if (unknown.length) {
      throw new DeskError(422, "validation", "Some groups do not exist", unknown.map(([g, i]) => ({ path: `groups[${i}]`, message: `the group "${g}" does not exist` })));
    }
    if (await findUserForLogin(trx, input.email)) {
      throw new DeskError(409, "conflict", "Someone already has this e-mail address", [{ path: "email", message: "is already in use" }]);
    }
    const id = randomUUID();
    await insertUser(trx, {
      id,
      email: input.email,
      name: input.name,
      roles: input.roles,
      locale: input.locale ?? "en",
      timeZone: input.timeZone ?? "UTC",
      passwordHash,
      createdAt: desk.now().toISOString()
    });
    await setUserGroups(trx, id, input.groups);
    return await findUserById(trx, id);
  });
}

// server/http/access.ts
var sessionCookie = "deskwright_session";
var identify = async (c, next) => {
  const desk = c.get("desk");
  const authorization = c.req.header("authorization");
  let user2 = null;
  if (authorization?.startsWith("Bearer ")) {
    user2 = await userForToken(desk, authorization.slice(7).trim()) ?? null;
    if (!user2) throw new DeskError(401, "bad-token", "The API token is not valid");
  } else {
    const secret = getCookie(c, sessionCookie);
    if (secret) user2 = await userForSession(desk, secret) ?? null;
  }
  c.set("user", user2);
  await next();
};
function allow(...audience) {
  const middleware = createMiddleware(async (c, next) => {
    if (audience.includes("anyone")) return next();
    const user2 = c.get("user");
    if (!user2) throw unauthenticated();
    if (audience.includes("signed-in") || user2.roles.some((r) => audience.includes(r))) return next();
    throw new DeskError(403, "forbidden", "Your role does not allow this");
  });
  return Object.assign(middleware, { audience });
}
function currentUser(c) {
  const user2 = c.get("user");
  if (!user2) throw unauthenticated();
  return user2;
}

// server/http/admin-desk.routes.ts
import { createRoute, z as z5 } from "@hono/zod-openapi";

// server/engine/desk/desk.schema.ts
import { z as z3 } from "zod";

// server/engine/workflow/workflow.schema.ts
import { z as z2 } from "zod";
var slug = z2.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lower-case letters, digits and dashes (e.g. "first-line")');
var localisedText = z2.object({ en: z2.string().min(1) }).catchall(z2.string()).describe('Text per locale, e.g. { "en": "Laptop", "cy": "Gliniadur" }; "en" is required');
var priorities = ["P1", "P2", "P3", "P4"];
var priority = z2.enum(priorities);
var workflowKinds = ["incident", "request", "change", "problem"];
var rule = z2.union([z2.boolean(), z2.record(z2.string(), z2.unknown())]).describe('A json-logic rule, e.g. { "==": [{ "var": "fields.service" }, "vpn"] }, or true');
var fieldTypes = [
  "text",
  "textarea",
  "number",
  "email",
  "date",
  "select",
  "multiselect",
  "checkbox",
  "user"
];
var option = z2.union([
  z2.string().min(1),
  z2.object({ value: z2.string().min(1), label: localisedText })
]);
var formField = z2.object({
  key: z2.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, "a field key is letters, digits and underscores, not starting with a digit"),
  type: z2.enum(fieldTypes),
  label: localisedText.optional(),
  help: localisedText.optional(),
  required: z2.boolean().optional(),
  options: z2.array(option).min(1).optional(),
  min: z2.number().optional(),
  max: z2.number().optional(),
  maxLength: z2.number().int().positive().optional(),
  pattern: z2.string().optional(),
  default: z2.unknown().optional(),
  visibleWhen: rule.optional()
}).strict();
var categoriseRule = z2.object({
  when: rule,
  set: z2.object({
    category: z2.string().min(1).optional(),
    queue: slug.optional(),
    priority: priority.optional()
  }).strict(),
  continue: z2.boolean().optional()
}).strict();
var recipient = z2.string().min(1).describe(`"requester", "assignee", "queue" (its group's members), "queue.manager", or an e-mail address`);
var notifyAction = z2.object({ template: slug, to: z2.array(recipient).min(1) }).strict();
var escalationAction = z2.union([
  z2.object({ notify: notifyAction }).strict(),
  z2.object({ setQueue: slug }).strict(),
  z2.object({ setPriority: priority }).strict()
]);
var escalationRule = z2.object({ when: rule, do: z2.array(escalationAction).min(1) }).strict();
var notificationEvents = ["ticket.created", "ticket.resolved"];
var notificationRule = z2.object({
  on: z2.enum(notificationEvents),
  template: slug,
  to: z2.array(recipient).min(1)
}).strict();
var workflowDefinition = z2.object({
  $schema: z2.string().optional(),
  id: slug,
  name: localisedText,
  description: localisedText.optional(),
  kind: z2.enum(workflowKinds),
  audience: z2.array(z2.enum(["requester", "agent", "specialist", "manager", "admin"])).min(1).default(["requester"]),
  titleField: z2.string().optional().describe('The form field whose value becomes the ticket title (default "summary")'),
  form: z2.object({ fields: z2.array(formField).min(1) }).strict(),
  priority: z2.object({
    impactField: z2.string().default("impact"),
    urgencyField: z2.string().default("urgency"),
    matrix: z2.record(z2.string(), z2.record(z2.string(), priority)).default({}).describe('impact value \u2192 urgency value \u2192 priority; "*" matches any value'),
    default: priority
  }).strict(),
  categorise: z2.array(categoriseRule).default([]),
  defaultQueue: slug.optional().describe("The queue when no categorise rule sets one"),
  sla: slug,
  escalations: z2.array(escalationRule).default([]),
  notifications: z2.array(notificationRule).default([])
}).strict();

// server/engine/desk/desk.schema.ts
var groupTiers = ["first-line", "second-line", "third-line"];
var group = z3.object({
  id: slug,
  name: localisedText,
  tier: z3.enum(groupTiers)
}).strict();
var queue = z3.object({
  id: slug,
  name: localisedText,
  group: slug.describe("The group whose members work this queue"),
  manager: z3.email().optional().describe('Where hierarchical escalations and "queue.manager" notifications go')
}).strict();
var target = z3.object({
  responseMinutes: z3.number().int().positive(),
  resolutionMinutes: z3.number().int().positive()
}).strict();
var slaPolicy = z3.object({
  id: slug,
  name: localisedText,
  calendar: z3.literal("24x7").default("24x7").describe('Business calendars come later; "24x7" counts every minute'),
  targets: z3.object(Object.fromEntries(priorities.map((p) => [p, target]))).strict().describe("Response and resolution targets for every priority")
}).strict();
var deskSettings = z3.object({
  $schema: z3.string().optional(),
  groups: z3.array(group).default([]),
  queues: z3.array(queue).default([]),
  slaPolicies: z3.array(slaPolicy).default([])
}).strict();

// server/services/desk-settings.service.ts
async function loadDirectory(db, desk) {
  const [queues, policies] = await Promise.all([listQueues(db), listSlaPolicies(db)]);
  const withMembers = await Promise.all(queues.map(async (q) => [q.id, { ...q, members: await groupMembers(db, q.group) }]));
  return { ...desk, queues: new Map(withMembers), slaPolicies: new Map(policies.map((p) => [p.id, p])) };
}
async function saveGroup(desk, group2, mode) {
  return inTransaction(desk.db, async (trx) => {
    const exists = (await listGroups(trx)).some((g) => g.id === group2.id);
    assertMode(exists, mode, `group "${group2.id}"`);
    await upsertGroup(trx, group2);
    return group2;
  });
}
async function saveQueue(desk, queue2, mode) {
  return inTransaction(desk.db, async (trx) => {
    const exists = (await listQueues(trx)).some((q) => q.id === queue2.id);
    assertMode(exists, mode, `queue "${queue2.id}"`);
    if (!(await listGroups(trx)).some((g) => g.id === queue2.group)) {
      throw new DeskError(422, "validation", "The queue names a group that does not exist", [{ path: "group", message: `the group "${queue2.group}" does not exist` }]);
    }
    await upsertQueue(trx, queue2);
    return queue2;
  });
}
async function saveSlaPolicy(desk, policy, mode) {
  return inTransaction(desk.db, async (trx) => {
    const exists = (await listSlaPolicies(trx)).some((p) => p.id === policy.id);
    assertMode(exists, mode, `SLA policy "${policy.id}"`);
    await upsertSlaPolicy(trx, policy);
    return policy;
  });
}
function assertMode(exists, mode, what) {
  if (exists && mode === "create") throw new DeskError(409, "conflict", `The ${what} already exists`, [{ path: "id", message: "is already in use" }]);
  if (!exists && mode === "replace") throw new DeskError(404, "not-found", `The ${what} was not found`);
}
async function importSettings(db, settings) {
  for (const g of settings.groups) await upsertGroup(db, g);
  for (const q of settings.queues) await upsertQueue(db, q);
  for (const p of settings.slaPolicies) await upsertSlaPolicy(db, p);
}

// server/http/desk-env.ts
import { OpenAPIHono } from "@hono/zod-openapi";

// server/http/problem.ts
import { HTTPException } from "hono/http-exception";
import { z as z4 } from "zod";

// server/engine/problems.ts
function formatPath(path) {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}
function describeIssue(issue) {
  switch (issue.code) {
    case "invalid_type":
      if ("input" in issue && issue.input === void 0 || / received undefined$/.test(issue.message)) return "is required";
      return `must be ${issue.expected === "object" ? "an object" : issue.expected === "array" ? "a list" : `a ${issue.expected}`}`;
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "too_small":
      return issue.origin === "array" ? `needs at least ${String(issue.minimum)} item(s)` : issue.origin === "string" ? Number(issue.minimum) <= 1 ? "must not be empty" : `must be at least ${String(issue.minimum)} characters` : `must be at least ${String(issue.minimum)}`;
    case "too_big":
      return issue.origin === "string" ? `must be at most ${String(issue.maximum)} characters` : issue.origin === "array" ? `allows at most ${String(issue.maximum)} item(s)` : `must be at most ${String(issue.maximum)}`;
    case "invalid_union":
      return "does not match any of the accepted shapes";
    default:
      return issue.message;
  }
}
function problemsFromZod(error, prefix = []) {
  const problems2 = [];
  const wrongType = new Set(error.issues.filter((i) => i.code === "invalid_type").map((i) => formatPath(i.path)));
  for (const issue of error.issues) {
    if (issue.code !== "invalid_type" && wrongType.has(formatPath(issue.path))) continue;
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        problems2.push({ path: formatPath([...prefix, ...issue.path, key]), message: `"${key}" is not a setting here` });
      }
      continue;
    }
    problems2.push({ path: formatPath([...prefix, ...issue.path]), message: describeIssue(issue) });
  }
  return problems2;
}

// server/http/problem.ts
var titles = {
  400: "Bad request",
  401: "Not signed in",
  403: "Forbidden",
  404: "Not found",
  409: "Conflict",
  413: "Too large",
  415: "Unsupported media type",
  422: "Unprocessable content",
  429: "Too many requests",
  500: "Internal server error",
  503: "Service unavailable"
};
var problemDocument = z4.object({
  type: z4.string(),
  title: z4.string(),
  status: z4.number().int(),
  detail: z4.string(),
  code: z4.string(),
  errors: z4.array(z4.object({ path: z4.string(), message: z4.string() })).optional()
});
function problem(c, status, code, detail, errors) {
  const body = {
    type: `https://deskwright.dev/problems/${code}`,
    title: titles[status] ?? "Error",
    status,
    detail,
    code,
    ...errors ? { errors } : {}
  };
  return c.body(JSON.stringify(body), status, { "Content-Type": "application/problem+json" });
}
var validationHook = (result, c) => {
  if (result.success) return void 0;
  const prefix = result.target === "json" || result.target === "form" ? [] : [result.target === "param" ? "path" : result.target];
  return problem(c, 422, "validation", "Some of what was sent is not valid", problemsFromZod(result.error, prefix));
};
var onError = (error, c) => {
  if (error instanceof DeskError) return problem(c, error.status, error.code, error.message, error.errors);
  if (error instanceof HTTPException) {
    const status = error.status;
    const code = status === 415 ? "unsupported-media-type" : status === 413 ? "too-large" : status === 403 ? "forbidden" : "bad-request";
    const detail = status === 403 ? "The request did not come from the desk's own pages, so it was refused (cross-site request protection)" : error.message;
    return problem(c, status, code, detail || titles[status] || "The request cannot be handled");
  }
  if (error instanceof SyntaxError) return problem(c, 400, "bad-json", "The request body is not valid JSON");
  console.error(error);
  return problem(c, 500, "internal", "Something went wrong on our side; it has been logged");
};

// server/http/desk-env.ts
function router() {
  return new OpenAPIHono({ defaultHook: validationHook });
}

// server/http/openapi-helpers.ts
function jsonBody(schema, description) {
  return { content: { "application/json": { schema } }, required: true, ...description ? { description } : {} };
}
function jsonResponse(schema, description) {
  return { content: { "application/json": { schema } }, description };
}
var problemContent = { "application/problem+json": { schema: problemDocument } };
function problems(...statuses) {
  const descriptions = {
    400: "The request is malformed",
    401: "Not signed in",
    403: "The role does not allow this",
    404: "Not found, or not visible to the caller",
    409: "Conflicts with the current state",
    422: "Invalid input; `errors` lists each path and what is wrong"
  };
  return Object.fromEntries(statuses.map((s) => [s, { content: problemContent, description: descriptions[s] }]));
}

// server/http/admin-desk.routes.ts
function settingRoutes(o) {
  return router().openapi(
    createRoute({
      method: "get",
      path: o.path,
      tags: [o.tag],
      summary: `Every ${o.what}`,
      middleware: [allow("admin")],
      responses: { 200: jsonResponse(z5.object({ items: z5.array(o.schema) }), `${o.what}s`), ...problems(401, 403) }
    }),
    async (c) => c.json({ items: await o.list(c.get("desk").db) }, 200)
  ).openapi(
    createRoute({
      method: "post",
      path: o.path,
      tags: [o.tag],
      summary: `Create a ${o.what}`,
      middleware: [allow("admin")],
      request: { body: jsonBody(o.schema) },
      responses: { 201: jsonResponse(o.schema, "Created"), ...problems(401, 403, 409, 422) }
    }),
    async (c) => c.json(await o.save(c.get("desk"), c.req.valid("json"), "create"), 201)
  ).openapi(
    createRoute({
      method: "put",
      path: `${o.path}/{id}`,
      tags: [o.tag],
      summary: `Replace a ${o.what}`,
      middleware: [allow("admin")],
      request: { params: z5.object({ id: slug }), body: jsonBody(o.schema) },
      responses: { 200: jsonResponse(o.schema, "Saved"), ...problems(401, 403, 404, 422) }
    }),
    async (c) => {
      const value = c.req.valid("json");
      const { id } = c.req.valid("param");
      return c.json(await o.save(c.get("desk"), { ...value, id }, "replace"), 200);
    }
  );
}
var adminDeskRoutes = router().route("/", settingRoutes({ path: "/api/admin/groups", tag: "Admin: desk", what: "group", schema: group, list: listGroups, save: saveGroup })).route("/", settingRoutes({ path: "/api/admin/queues", tag: "Admin: desk", what: "queue", schema: queue, list: listQueues, save: saveQueue })).route(
  "/",
  settingRoutes({ path: "/api/admin/sla-policies", tag: "Admin: desk", what: "SLA policy", schema: slaPolicy, list: listSlaPolicies, save: saveSlaPolicy })
);

// server/http/admin-templates.routes.ts
import { createRoute as createRoute2, z as z8 } from "@hono/zod-openapi";

// server/engine/template.schema.ts
import { z as z6 } from "zod";
var templateSource = z6.object({
  subject: z6.string().min(1).max(1e3).describe('One line of Handlebars, e.g. "[{{ticket.number}}] {{ticket.title}}"'),
  body: z6.string().max(maxTemplateLength).describe("Handlebars; the context is documented in docs/templates.md")
});
var storedTemplate = templateSource.extend({
  name: z6.string(),
  locale: z6.string(),
  origin: z6.enum(["shipped", "custom"]).describe('"custom" templates are never replaced by shipped defaults'),
  updatedAt: z6.string(),
  updatedBy: z6.string().nullable()
});
var outboxMessage = z6.object({
  id: z6.number().int(),
  ticketId: z6.number().int().nullable(),
  template: z6.string(),
  locale: z6.string(),
  recipient: z6.string(),
  subject: z6.string(),
  text: z6.string(),
  html: z6.string(),
  status: z6.enum(["pending", "sent", "failed"]),
  attempts: z6.number().int(),
  lastError: z6.string().nullable(),
  createdAt: z6.string(),
  sentAt: z6.string().nullable()
});

// server/db/templates.repository.ts
async function listTemplates(db) {
  const rows = await db.selectFrom("templates").selectAll().orderBy("name").orderBy("locale").execute();
  return rows.map((r) => ({
    name: r.name,
    locale: r.locale,
    subject: r.subject,
    body: r.body,
    origin: r.origin,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by
  }));
}
async function upsertTemplate(db, t) {
  const values = { subject: t.subject, body: t.body, origin: t.origin, updated_at: t.updatedAt, updated_by: t.updatedBy };
  await db.insertInto("templates").values({ name: t.name, locale: t.locale, ...values }).onConflict((oc) => oc.columns(["name", "locale"]).doUpdateSet(values)).execute();
  await bumpSettingsRevision(db);
}

// server/engine/people/people.schema.ts
import { z as z7 } from "zod";
var roles = ["requester", "agent", "specialist", "manager", "admin"];
var role = z7.enum(roles);
var locales = ["en", "cy", "zh-CN", "ro"];
var user = z7.object({
  id: z7.string(),
  email: z7.string(),
  name: z7.string(),
  roles: z7.array(role),
  locale: z7.string(),
  timeZone: z7.string(),
  groups: z7.array(z7.string()).describe("The support groups the person belongs to")
});

// server/engine/notifications.ts
var fallbackLocale = "en";
function localise(text, locale) {
  return text[locale] ?? text.en;
}
function renderFor(templates, name, recipient2, context) {
  const wanted = recipient2.locale ?? fallbackLocale;
  const found = templates(name, wanted);
  const locale = found ? wanted : fallbackLocale;
  const source = found ?? templates(name, fallbackLocale);
  const base = { template: name, locale, recipient: recipient2 };
  if (!source) return { ...base, subject: "", text: "", html: "", status: "failed", error: `the template "${name}" does not exist` };
  try {
    const rendered2 = renderTemplate(source, {
      ...context,
      ticket: { ...context.ticket, queue: { id: context.ticket.queue.id, name: localise(context.ticket.queue.name, locale) } },
      workflow: { id: context.workflow.id, name: localise(context.workflow.name, locale) },
      recipient: { name: recipient2.name, email: recipient2.email, locale, timeZone: recipient2.timeZone ?? "UTC" }
    });
    return { ...base, ...rendered2, status: "pending" };
  } catch (error) {
    return { ...base, subject: "", text: "", html: "", status: "failed", error: error.message };
  }
}
function resolveRecipients(to, people) {
  const found = /* @__PURE__ */ new Map();
  const add = (p) => {
    if (p && !found.has(p.email.toLowerCase())) found.set(p.email.toLowerCase(), p);
  };
  for (const name of to) {
    if (name === "requester") add(people.requester);
    else if (name === "assignee") add(people.assignee);
    else if (name === "queue") people.queueMembers.forEach(add);
    else if (name === "queue.manager") add(people.queueManager ? { name: people.queueManager, email: people.queueManager } : null);
    else add({ name, email: name });
  }
  return [...found.values()];
}

// server/services/template.service.ts
async function loadTemplateLookup(db) {
  const all = await listTemplates(db);
  const byKey = new Map(all.map((t) => [`${t.locale}/${t.name}`, t]));
  return {
    lookup: (name, locale) => byKey.get(`${locale}/${name}`),
    names: new Set(all.filter((t) => t.locale === fallbackLocale).map((t) => t.name))
  };
}
function assertTemplateValid(source, name) {
  const problems2 = checkTemplate(source);
  if (problems2.length) {
    throw new DeskError(
      422,
      "validation",
      name ? `The template ${name} cannot be used` : "The template cannot be used",
      problems2.map((p) => ({ path: `${p.part}:${p.line}:${p.column}`, message: `line ${p.line}, column ${p.column}: ${p.message}` }))
    );
  }
}
async function saveTemplate(desk, actorId, name, locale, source) {
  assertTemplateValid(source);
  const template = { name, locale, ...source, origin: "custom", updatedAt: desk.now().toISOString(), updatedBy: actorId };
  await upsertTemplate(desk.db, template);
  return template;
}
async function installShippedTemplate(db, at, t) {
  assertTemplateValid(t, `templates/${t.locale}/${t.name}.hbs`);
  const existing = (await listTemplates(db)).find((s) => s.name === t.name && s.locale === t.locale);
  if (existing?.origin === "custom") return "kept";
  if (existing && existing.subject === t.subject && existing.body === t.body) return "kept";
  await upsertTemplate(db, { ...t, origin: "shipped", updatedAt: at, updatedBy: null });
  return existing ? "updated" : "added";
}
function sampleContext(desk, ticket2) {
  const now = desk.now();
  const inMinutes = (m) => new Date(now.getTime() + m * 6e4).toISOString();
  return {
    ticket: {
      id: 1042,
      number: "INC-1042",
      title: "VPN drops every few minutes",
      kind: "incident",
      status: "new",
      category: "network",
      priority: "P2",
      queue: { id: "network", name: { en: "Network", cy: "Rhwydwaith" } },
      fields: { summary: "VPN drops every few minutes", service: "vpn", impact: "team", urgency: "high" },
      createdAt: now.toISOString(),
      slaDue: { response: inMinutes(30), resolution: inMinutes(480) },
      ...ticket2
    },
    requester: { name: "Alex Requester", email: "alex@example.com" },
    assignee: { name: "Sam Agent", email: "sam@example.com" },
    workflow: { id: "it-incident", name: { en: "Something is broken" } },
    sla: { policy: "standard", responseMinutes: 30, resolutionMinutes: 480, responseDue: inMinutes(30), resolutionDue: inMinutes(480) },
    links: { ticket: `${desk.config.publicUrl}/tickets/1042` },
    desk: { name: desk.config.deskName, url: desk.config.publicUrl }
  };
}
function previewTemplate(desk, source, locale, ticket2) {
  assertTemplateValid(source);
  const rendered2 = renderFor(() => source, "preview", { name: "Alex Requester", email: "alex@example.com", locale }, sampleContext(desk, ticket2));
  if (rendered2.status === "failed") throw new DeskError(422, "validation", "The template cannot be rendered", [{ path: "template", message: rendered2.error ?? "render failed" }]);
  return { subject: rendered2.subject, text: rendered2.text, html: rendered2.html };
}

// server/http/admin-templates.routes.ts
var rendered = z8.object({ subject: z8.string(), text: z8.string(), html: z8.string() });
var adminTemplateRoutes = router().openapi(
  createRoute2({
    method: "get",
    path: "/api/admin/templates",
    tags: ["Admin: templates"],
    summary: "Every template in every locale",
    middleware: [allow("admin")],
    responses: { 200: jsonResponse(z8.object({ items: z8.array(storedTemplate) }), "Templates"), ...problems(401, 403) }
  }),
  async (c) => c.json({ items: await listTemplates(c.get("desk").db) }, 200)
).openapi(
  createRoute2({
    method: "put",
    path: "/api/admin/templates/{locale}/{name}",
    tags: ["Admin: templates"],
    summary: "Save a template; refused with line and column when it does not compile",
    middleware: [allow("admin")],
    request: { params: z8.object({ locale: z8.enum(locales), name: slug }), body: jsonBody(templateSource) },
    responses: { 200: jsonResponse(storedTemplate, "Saved"), ...problems(401, 403, 422) }
  }),
  async (c) => {
    const { locale, name } = c.req.valid("param");
    return c.json(await saveTemplate(c.get("desk"), currentUser(c).email, name, locale, c.req.valid("json")), 200);
  }
).openapi(
  createRoute2({
    method: "post",
    path: "/api/admin/templates/preview",
    tags: ["Admin: templates"],
    summary: "Render a template against a sample ticket; nothing is saved",
    middleware: [allow("admin")],
    request: {
      body: jsonBody(
        z8.object({
          template: templateSource,
          locale: z8.enum(locales).default("en"),
          ticket: z8.record(z8.string(), z8.unknown()).optional().describe("Overrides for the sample ticket")
        })
      )
    },
    responses: { 200: jsonResponse(rendered, "The rendered message"), ...problems(401, 403, 422) }
  }),
  (c) => {
    const { template, locale, ticket: ticket2 } = c.req.valid("json");
    return c.json(previewTemplate(c.get("desk"), template, locale, ticket2), 200);
  }
);

// server/http/admin-users.routes.ts
import { createRoute as createRoute3, z as z9 } from "@hono/zod-openapi";

// server/db/outbox.repository.ts
function toMessage(r) {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    template: r.template,
    locale: r.locale,
    recipient: r.recipient,
    subject: r.subject,
    text: r.text_body,
    html: r.html_body,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at
  };
}
async function insertOutbox(db, ticketId, at, messages) {
  if (!messages.length) return;
  await db.insertInto("outbox").values(
    messages.map((m) => ({
      ticket_id: ticketId,
      template: m.template,
      locale: m.locale,
      recipient: m.recipient,
      subject: m.subject,
      text_body: m.text,
      html_body: m.html,
      status: m.status,
      attempts: 0,
      last_error: m.error ?? null,
      next_attempt_at: at,
      created_at: at
    }))
  ).execute();
}
async function claimDue(db, now, claimUntil, limit2) {
  const rows = await db.updateTable("outbox").set((eb) => ({ claimed_until: claimUntil, attempts: eb("attempts", "+", 1) })).where(
    "id",
    "in",
    (eb) => eb.selectFrom("outbox").select("id").where("status", "=", "pending").where("next_attempt_at", "<=", now).where((w) => w.or([w("claimed_until", "is", null), w("claimed_until", "<", now)])).orderBy("id").limit(limit2)
  ).returningAll().execute();
  return rows.map(toMessage).sort((a, b) => a.id - b.id);
}
async function markSent(db, id, at) {
  await db.updateTable("outbox").set({ status: "sent", sent_at: at, claimed_until: null, last_error: null }).where("id", "=", id).execute();
}
async function markAttemptFailed(db, id, error, retryAt) {
  await db.updateTable("outbox").set(retryAt ? { last_error: error, next_attempt_at: retryAt, claimed_until: null } : { last_error: error, status: "failed", claimed_until: null }).where("id", "=", id).execute();
}
async function listOutbox(db, page2) {
  let query = db.selectFrom("outbox").selectAll();
  if (page2.beforeId !== void 0) query = query.where("id", "<", page2.beforeId);
  if (page2.status) query = query.where("status", "=", page2.status);
  const rows = await query.orderBy("id", "desc").limit(page2.limit).execute();
  return rows.map(toMessage);
}

// server/http/admin-users.routes.ts
var newUser = z9.object({
  email: z9.email(),
  name: z9.string().min(1).max(200),
  password: z9.string().min(12, "must be at least 12 characters").max(1e3).optional().describe("Leave out for an account that signs in only with API tokens"),
  roles: z9.array(role).min(1),
  groups: z9.array(z9.string()).default([]),
  locale: z9.enum(locales).default("en"),
  timeZone: z9.string().default("UTC")
});
var adminUserRoutes = router().openapi(
  createRoute3({
    method: "get",
    path: "/api/admin/users",
    tags: ["Admin: people"],
    summary: "Every account",
    middleware: [allow("admin")],
    responses: { 200: jsonResponse(z9.object({ items: z9.array(user) }), "Accounts"), ...problems(401, 403) }
  }),
  async (c) => c.json({ items: await listUsers(c.get("desk").db) }, 200)
).openapi(
  createRoute3({
    method: "post",
    path: "/api/admin/users",
    tags: ["Admin: people"],
    summary: "Create an account",
    middleware: [allow("admin")],
    request: { body: jsonBody(newUser) },
    responses: { 201: jsonResponse(z9.object({ user }), "Created"), ...problems(401, 403, 409, 422) }
  }),
  async (c) => c.json({ user: await createUser(c.get("desk"), c.req.valid("json")) }, 201)
).openapi(
  createRoute3({
    method: "post",
    path: "/api/admin/tokens",
    tags: ["Admin: people"],
    summary: "Issue an API token (shown once) for `Authorization: Bearer`",
    middleware: [allow("admin")],
    request: {
      body: jsonBody(
        z9.object({
          name: z9.string().min(1).max(200).describe('What the token is for, e.g. "Monitoring"'),
          email: z9.email().optional().describe("The account the token acts as; the caller's own when left out")
        })
      )
    },
    responses: { 201: jsonResponse(z9.object({ id: z9.string(), token: z9.string() }), "The token; it is not shown again"), ...problems(401, 403, 422) }
  }),
  async (c) => {
    const { name, email } = c.req.valid("json");
    const desk = c.get("desk");
    const userId = email ? await findUserIdByEmail(desk.db, email) : currentUser(c).id;
    if (!userId) throw invalid("No such account", [{ path: "email", message: "no account has this e-mail address" }]);
    return c.json(await createApiToken(desk, userId, name), 201);
  }
).openapi(
  createRoute3({
    method: "get",
    path: "/api/admin/outbox",
    tags: ["Admin: people"],
    summary: "Notifications, newest first: pending, sent and failed (with the reason)",
    middleware: [allow("admin")],
    request: {
      query: z9.object({
        status: z9.enum(["pending", "sent", "failed"]).optional(),
        cursor: z9.string().regex(/^\d+$/).optional(),
        limit: z9.coerce.number().int().min(1).max(200).default(50)
      })
    },
    responses: {
      200: jsonResponse(z9.object({ items: z9.array(outboxMessage), next: z9.string().nullable() }), "One page of the outbox"),
      ...problems(401, 403, 422)
    }
  }),
  async (c) => {
    const q = c.req.valid("query");
    const items = await listOutbox(c.get("desk").db, {
      limit: q.limit + 1,
      ...q.cursor ? { beforeId: Number(q.cursor) } : {},
      ...q.status ? { status: q.status } : {}
    });
    const page2 = items.slice(0, q.limit);
    return c.json({ items: page2, next: items.length > q.limit ? String(page2.at(-1).id) : null }, 200);
  }
);

// server/http/admin-workflows.routes.ts
import { createRoute as createRoute4, z as z11 } from "@hono/zod-openapi";

// server/engine/workflow/workflow-admin.schema.ts
import { z as z10 } from "zod";
var workflowSummary = z10.object({
  id: z10.string(),
  name: localisedText.nullable(),
  kind: z10.string().nullable(),
  draftRevision: z10.number().int(),
  draftUpdatedAt: z10.string(),
  draftUpdatedBy: z10.string().nullable(),
  published: z10.object({ version: z10.number().int(), publishedAt: z10.string() }).nullable(),
  draftAhead: z10.boolean().describe("The draft differs from the published version")
});
var workflowDraft = z10.object({
  id: z10.string(),
  draft: z10.unknown(),
  revision: z10.number().int().describe("Send it back as baseRevision when saving, to detect a concurrent edit"),
  updatedAt: z10.string(),
  updatedBy: z10.string().nullable()
});
var workflowVersion = z10.object({
  id: z10.number().int(),
  workflowId: z10.string(),
  version: z10.number().int(),
  definition: workflowDefinition,
  note: z10.string().nullable(),
  publishedAt: z10.string(),
  publishedBy: z10.string().nullable()
});

// server/services/workflow.service.ts
import { isDeepStrictEqual } from "node:util";

// server/db/workflows.repository.ts
function toVersion(row) {
  return {
    id: row.id,
    workflowId: row.workflow_id,
    version: row.version,
    definition: JSON.parse(row.definition),
    note: row.note,
    publishedAt: row.published_at,
    publishedBy: row.published_by
  };
}
async function findDraft(db, id) {
  const row = await db.selectFrom("workflows").selectAll().where("id", "=", id).executeTakeFirst();
  return row && { id: row.id, draft: JSON.parse(row.draft), revision: row.draft_revision, updatedAt: row.draft_updated_at, updatedBy: row.draft_updated_by };
}
async function listDrafts(db) {
  const rows = await db.selectFrom("workflows").selectAll().orderBy("id").execute();
  return rows.map((row) => ({ id: row.id, draft: JSON.parse(row.draft), revision: row.draft_revision, updatedAt: row.draft_updated_at, updatedBy: row.draft_updated_by }));
}
async function saveDraft(db, d) {
  const draft = JSON.stringify(d.draft);
  const row = await db.insertInto("workflows").values({ id: d.id, draft, draft_revision: 1, draft_updated_at: d.at, draft_updated_by: d.by, created_at: d.at }).onConflict(
    (oc) => oc.column("id").doUpdateSet((eb) => ({
      draft,
      draft_revision: eb("workflows.draft_revision", "+", 1),
      draft_updated_at: d.at,
      draft_updated_by: d.by
    }))
  ).returning("draft_revision").executeTakeFirstOrThrow();
  return row.draft_revision;
}
async function latestVersion(db, workflowId) {
  const row = await db.selectFrom("workflow_versions").selectAll().where("workflow_id", "=", workflowId).orderBy("version", "desc").limit(1).executeTakeFirst();
  return row && toVersion(row);
}
async function latestVersions(db) {
  const rows = await db.selectFrom("workflow_versions as v").selectAll("v").where(
    "v.version",
    "=",
    (eb) => eb.selectFrom("workflow_versions as w").select((e) => e.fn.max("w.version").as("m")).whereRef("w.workflow_id", "=", "v.workflow_id")
  ).orderBy("v.workflow_id").execute();
  return rows.map(toVersion);
}
async function listVersions(db, workflowId) {
  const rows = await db.selectFrom("workflow_versions").selectAll().where("workflow_id", "=", workflowId).orderBy("version", "desc").execute();
  return rows.map(toVersion);
}
async function insertVersion(db, v) {
  const row = await db.insertInto("workflow_versions").values({
    workflow_id: v.workflowId,
    version: v.version,
    definition: JSON.stringify(v.definition),
    note: v.note,
    published_at: v.at,
    published_by: v.by
  }).returning("id").executeTakeFirstOrThrow();
  await bumpSettingsRevision(db);
  return row.id;
}

// server/engine/rules.ts
import jsonLogic from "json-logic-js";
var allowedOperators = /* @__PURE__ */ new Set([
  "==",
  "===",
  "!=",
  "!==",
  ">",
  ">=",
  "<",
  "<=",
  "!",
  "!!",
  "and",
  "or",
  "if",
  "?:",
  "in",
  "cat",
  "substr",
  "+",
  "-",
  "*",
  "/",
  "%",
  "min",
  "max",
  "merge",
  "var",
  "missing",
  "missing_some",
  "map",
  "filter",
  "reduce",
  "all",
  "none",
  "some"
]);
var scopedOperators = /* @__PURE__ */ new Set(["map", "filter", "reduce", "all", "none", "some"]);
var varPath = /^[A-Za-z_]\w*(\.\w+)*$/;
var forbiddenSegments = /* @__PURE__ */ new Set(["__proto__", "constructor", "prototype"]);
var maxRuleDepth = 32;
var maxRuleNodes = 2e3;
function inspectRule(rule2) {
  const facts = { problems: [], vars: [] };
  let nodes = 0;
  const visit = (node, path, depth, scoped) => {
    nodes += 1;
    if (nodes === maxRuleNodes + 1) {
      facts.problems.push({ path: [], message: `the rule is too large (more than ${maxRuleNodes} parts)` });
    }
    if (nodes > maxRuleNodes) return;
    if (depth > maxRuleDepth) {
      facts.problems.push({ path, message: `the rule nests deeper than ${maxRuleDepth} levels` });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, [...path, i], depth + 1, scoped));
      return;
    }
    if (node === null || typeof node !== "object") return;
    const keys = Object.keys(node);
    if (keys.length !== 1) {
      facts.problems.push({
        path,
        message: `a rule object must have exactly one operator, found ${keys.length === 0 ? "none" : keys.map((k) => `"${k}"`).join(", ")}`
      });
      return;
    }
    const operator = keys[0];
    const args = node[operator];
    if (!allowedOperators.has(operator)) {
      facts.problems.push({ path, message: `"${operator}" is not a rule operator this desk knows` });
      return;
    }
    if (operator === "var") {
      const name = Array.isArray(args) ? args[0] : args;
      if (name === "" || name === void 0 || name === null) return;
      if (typeof name !== "string" && typeof name !== "number") {
        facts.problems.push({ path: [...path, "var"], message: 'a "var" must name a field, e.g. "fields.service"' });
        return;
      }
      const text = String(name);
      if (!varPath.test(text) || text.split(".").some((s) => forbiddenSegments.has(s))) {
        facts.problems.push({
          path: [...path, "var"],
          message: `"${text}" is not a readable name: use names like "fields.service" (letters, digits, underscores and dots)`
        });
        return;
      }
      if (!scoped) facts.vars.push({ path: [...path, "var"], name: text });
      if (Array.isArray(args)) visit(args[1], [...path, "var", 1], depth + 1, scoped);
      return;
    }
    if (operator === "missing" || operator === "missing_some") {
      const names = operator === "missing" ? args : Array.isArray(args) ? args[1] : void 0;
      if (Array.isArray(names)) {
        names.forEach((n, i) => {
          if (typeof n === "string" && !scoped) {
            const at = operator === "missing" ? [...path, operator, i] : [...path, operator, 1, i];
            if (!varPath.test(n) || n.split(".").some((s) => forbiddenSegments.has(s))) {
              facts.problems.push({ path: at, message: `"${n}" is not a readable name` });
            } else facts.vars.push({ path: at, name: n });
          }
        });
      }
    }
    const list = Array.isArray(args) ? args : [args];
    list.forEach((arg, i) => {
      const argPath = Array.isArray(args) ? [...path, operator, i] : [...path, operator];
      visit(arg, argPath, depth + 1, scoped || scopedOperators.has(operator) && i === 1);
    });
  };
  visit(rule2, [], 0, false);
  return facts;
}
function nullPrototypeCopy(value) {
  if (Array.isArray(value)) return value.map(nullPrototypeCopy);
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === "object") {
    const copy = /* @__PURE__ */ Object.create(null);
    for (const [k, v] of Object.entries(value)) copy[k] = nullPrototypeCopy(v);
    return copy;
  }
  return value;
}
function evaluateRule(rule2, data, options = {}) {
  if (typeof rule2 === "boolean") return rule2;
  const context = options.prepared ? data : nullPrototypeCopy(data);
  return jsonLogic.apply(rule2, context);
}
function isTruthy(value) {
  return jsonLogic.truthy(value);
}

// server/engine/categorise.ts
function categorise(rules, data) {
  const result = { matched: [] };
  for (const [index, rule2] of rules.entries()) {
    if (!isTruthy(evaluateRule(rule2.when, data, { prepared: true }))) continue;
    result.matched.push(index);
    Object.assign(result, Object.fromEntries(Object.entries(rule2.set).filter(([, v]) => v !== void 0)));
    if (!rule2.continue) break;
  }
  return result;
}

// server/engine/form.ts
var emailAddress = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
var isoDate = /^\d{4}-\d{2}-\d{2}$/;
function optionValues(field) {
  return (field.options ?? []).map((o) => typeof o === "string" ? o : o.value);
}
function isEmpty(value) {
  return value === void 0 || value === null || typeof value === "string" && value.trim() === "" || Array.isArray(value) && value.length === 0;
}
function checkFieldValue(field, value) {
  switch (field.type) {
    case "text":
    case "textarea":
    case "email": {
      if (typeof value !== "string") return "must be text";
      if (field.maxLength !== void 0 && value.length > field.maxLength) {
        return `must be at most ${field.maxLength} characters (it has ${value.length})`;
      }
      if (field.type === "email" && !emailAddress.test(value)) return "must be an e-mail address, like name@example.com";
      if (field.pattern !== void 0) {
        let pattern;
        try {
          pattern = new RegExp(field.pattern, "u");
        } catch {
          return void 0;
        }
        if (!pattern.test(value)) return `does not have the expected format (${field.pattern})`;
      }
      return void 0;
    }
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) return "must be a number";
      if (field.min !== void 0 && value < field.min) return `must be at least ${field.min}`;
      if (field.max !== void 0 && value > field.max) return `must be at most ${field.max}`;
      return void 0;
    case "date": {
      if (typeof value !== "string" || !isoDate.test(value)) return "must be a date like 2026-11-22";
      const date = /* @__PURE__ */ new Date(`${value}T00:00:00Z`);
      if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return "is not a real date";
      return void 0;
    }
    case "select":
      if (typeof value !== "string" || !optionValues(field).includes(value)) {
        return `must be one of ${optionValues(field).join(", ")}`;
      }
      return void 0;
    case "multiselect": {
      if (!Array.isArray(value)) return "must be a list of choices";
      const allowed = optionValues(field);
      const wrong = value.filter((v) => typeof v !== "string" || !allowed.includes(v));
      if (wrong.length) return `has choices that are not offered: ${wrong.map(String).join(", ")}`;
      if (new Set(value).size !== value.length) return "lists the same choice twice";
      return void 0;
    }
    case "checkbox":
      return typeof value === "boolean" ? void 0 : "must be true or false";
    case "user":
      return typeof value === "string" && emailAddress.test(value) ? void 0 : "must be a person's e-mail address";
  }
}
function visibleFields(definition, values, context) {
  const only = (keys) => Object.fromEntries(Object.entries(values).filter(([k]) => keys.has(k)));
  let visible = new Set(definition.form.fields.map((f) => f.key));
  for (let round = 0; round <= definition.form.fields.length; round++) {
    const data = nullPrototypeCopy({ ...context, fields: only(visible) });
    const next = new Set(
      definition.form.fields.filter((f) => f.visibleWhen === void 0 || isTruthy(evaluateRule(f.visibleWhen, data, { prepared: true }))).map((f) => f.key)
    );
    const stable = next.size === visible.size && [...next].every((k) => visible.has(k));
    visible = next;
    if (stable) break;
  }
  return { visible, values: only(visible) };
}
function validateSubmission(definition, input, context = {}) {
  const problems2 = [];
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    return { values: {}, problems: [{ path: "fields", message: "must be an object of field values" }] };
  }
  const known = new Map(definition.form.fields.map((f) => [f.key, f]));
  const given = /* @__PURE__ */ Object.create(null);
  for (const [key, value] of Object.entries(input)) {
    if (!known.has(key)) problems2.push({ path: `fields.${key}`, message: "is not a field of this form" });
    else if (value !== null && value !== void 0 && !(typeof value === "string" && value === "")) given[key] = value;
  }
  for (const field of definition.form.fields) {
    if (!Object.hasOwn(given, field.key) && field.default !== void 0) given[field.key] = field.default;
  }
  const { visible, values } = visibleFields(definition, given, context);
  for (const field of definition.form.fields) {
    if (!visible.has(field.key)) continue;
    const value = Object.hasOwn(values, field.key) ? values[field.key] : void 0;
    if (isEmpty(value) || field.type === "checkbox" && field.required && value === false) {
      if (field.required) problems2.push({ path: `fields.${field.key}`, message: "is required" });
      continue;
    }
    const problem2 = checkFieldValue(field, value);
    if (problem2) problems2.push({ path: `fields.${field.key}`, message: problem2 });
  }
  return { values, problems: problems2 };
}

// server/engine/priority.ts
function computePriority(policy, values) {
  const cell = (row2, key) => row2 && typeof key === "string" && Object.hasOwn(row2, key) ? row2[key] : void 0;
  const impact = values[policy.impactField];
  const urgency = values[policy.urgencyField];
  const row = typeof impact === "string" && Object.hasOwn(policy.matrix, impact) ? policy.matrix[impact] : void 0;
  const anyRow = Object.hasOwn(policy.matrix, "*") ? policy.matrix["*"] : void 0;
  return cell(row, urgency) ?? cell(row, "*") ?? cell(anyRow, urgency) ?? cell(anyRow, "*") ?? policy.default;
}

// server/engine/sla.ts
function computeSlaDue(policy, priority2, start) {
  const target2 = policy.targets[priority2];
  const after = (minutes) => new Date(start.getTime() + minutes * 6e4).toISOString();
  return {
    policy: policy.id,
    responseMinutes: target2.responseMinutes,
    resolutionMinutes: target2.resolutionMinutes,
    response: after(target2.responseMinutes),
    resolution: after(target2.resolutionMinutes)
  };
}

// server/engine/intake.ts
var ticketNumberPrefix = {
  incident: "INC",
  request: "REQ",
  change: "CHG",
  problem: "PRB"
};
function formatTicketNumber(kind, id) {
  return `${ticketNumberPrefix[kind]}-${id ?? "new"}`;
}
function ruleContext(ticket2, fields, requester) {
  return {
    fields,
    ticket: {
      id: ticket2.id ?? null,
      number: ticket2.number ?? null,
      title: ticket2.title ?? null,
      kind: ticket2.kind ?? null,
      status: ticket2.status ?? null,
      category: ticket2.category ?? null,
      priority: ticket2.priority ?? null,
      queue: ticket2.queue ?? null,
      impact: ticket2.impact ?? null,
      urgency: ticket2.urgency ?? null,
      createdAt: ticket2.createdAt ?? null,
      workflow: ticket2.workflowId ?? null
    },
    requester: {
      id: requester.id,
      email: requester.email,
      name: requester.name,
      locale: requester.locale ?? "en",
      roles: requester.roles,
      groups: requester.groups
    }
  };
}
function submit(input) {
  const { definition } = input.workflow;
  const createdAt = input.now.toISOString();
  const base = {
    id: input.ticketId,
    kind: definition.kind,
    status: "new",
    createdAt,
    workflowId: input.workflow.id,
    workflowVersionId: input.workflow.versionId
  };
  const { values, problems: problems2 } = validateSubmission(definition, input.fields, ruleContext(base, {}, input.requester));
  if (problems2.length) return { ok: false, problems: problems2 };
  const text = (v) => typeof v === "string" ? v : null;
  const titleValue = values[definition.titleField ?? "summary"];
  const matrixPriority = computePriority(definition.priority, values);
  const draft = {
    ...base,
    number: formatTicketNumber(definition.kind, input.ticketId),
    title: typeof titleValue === "string" && titleValue.trim() ? titleValue.trim() : localise(definition.name, "en"),
    priority: matrixPriority,
    impact: text(values[definition.priority.impactField]),
    urgency: text(values[definition.priority.urgencyField])
  };
  const routing = categorise(definition.categorise, nullPrototypeCopy(ruleContext(draft, values, input.requester)));
  const queueId = routing.queue ?? definition.defaultQueue;
  const queue2 = queueId !== void 0 ? input.desk.queues.get(queueId) : void 0;
  const policy = input.desk.slaPolicies.get(definition.sla);
  if (!queue2) return { ok: false, problems: [{ path: "categorise", message: `the workflow routes to the queue "${queueId ?? "(none)"}", which does not exist` }] };
  if (!policy) return { ok: false, problems: [{ path: "sla", message: `the SLA policy "${definition.sla}" does not exist` }] };
  const priority2 = routing.priority ?? matrixPriority;
  const sla = computeSlaDue(policy, priority2, input.now);
  const ticket2 = {
    ...draft,
    category: routing.category ?? null,
    priority: priority2,
    queue: queue2.id,
    requesterId: input.requester.id,
    fields: values,
    sla
  };
  const context = {
    ticket: {
      id: ticket2.id,
      number: ticket2.number,
      title: ticket2.title,
      kind: ticket2.kind,
      status: ticket2.status,
      category: ticket2.category,
      priority: ticket2.priority,
      queue: { id: queue2.id, name: queue2.name },
      fields: values,
      createdAt,
      slaDue: { response: sla.response, resolution: sla.resolution }
    },
    requester: { name: input.requester.name, email: input.requester.email },
    assignee: null,
    workflow: { id: input.workflow.id, name: definition.name },
    sla: {
      policy: policy.id,
      responseMinutes: sla.responseMinutes,
      resolutionMinutes: sla.resolutionMinutes,
      responseDue: sla.response,
      resolutionDue: sla.resolution
    },
    links: { ticket: `${input.desk.url.replace(/\/$/, "")}/tickets/${ticket2.id ?? ""}` },
    desk: { name: input.desk.name, url: input.desk.url }
  };
  const people = { requester: input.requester, assignee: null, queueMembers: queue2.members, queueManager: queue2.manager };
  const notifications = definition.notifications.filter((n) => n.on === "ticket.created").flatMap((n) => resolveRecipients(n.to, people).map((person) => renderFor(input.templates, n.template, person, context)));
  const events = [
    {
      type: "ticket.created",
      data: {
        workflow: input.workflow.id,
        version: input.workflow.version,
        fields: values,
        priority: priority2,
        category: ticket2.category,
        queue: queue2.id,
        matchedRules: routing.matched,
        sla
      }
    },
    ...notifications.map((n) => ({
      type: n.status === "failed" ? "notification.failed" : "notification.queued",
      data: { template: n.template, locale: n.locale, to: n.recipient.email, subject: n.subject, ...n.error ? { error: n.error } : {} }
    }))
  ];
  return { ok: true, ticket: ticket2, events, notifications };
}

// server/engine/workflow/validate-workflow.ts
var ticketFacts = ["id", "number", "title", "kind", "status", "category", "priority", "queue", "impact", "urgency", "createdAt", "workflow"];
var requesterFacts = ["id", "email", "name", "locale", "roles", "groups"];
var namedRecipients = /* @__PURE__ */ new Set(["requester", "assignee", "queue", "queue.manager"]);
var emailAddress2 = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
function validateWorkflow(input, refs) {
  const parsed = workflowDefinition.safeParse(input);
  if (!parsed.success) return { ok: false, errors: problemsFromZod(parsed.error) };
  const wf = parsed.data;
  const errors = [];
  const add = (path, message) => errors.push({ path: formatPath(path), message });
  const fields = /* @__PURE__ */ new Map();
  wf.form.fields.forEach((field, i) => {
    const at = ["form", "fields", i];
    if (fields.has(field.key)) add([...at, "key"], `another field already uses the key "${field.key}"`);
    fields.set(field.key, field);
    const choice = field.type === "select" || field.type === "multiselect";
    if (choice && !field.options) add([...at, "options"], `a ${field.type} field needs a list of options`);
    if (!choice && field.options) add([...at, "options"], `options only apply to select and multiselect fields, not ${field.type}`);
    if ((field.min !== void 0 || field.max !== void 0) && field.type !== "number") {
      add([...at, field.min !== void 0 ? "min" : "max"], "min and max only apply to number fields");
    }
    if (field.min !== void 0 && field.max !== void 0 && field.min > field.max) add([...at, "min"], "min is greater than max");
    const textual = ["text", "textarea", "email"].includes(field.type);
    if (field.maxLength !== void 0 && !textual) add([...at, "maxLength"], "maxLength only applies to text, textarea and email fields");
    if (field.pattern !== void 0) {
      if (!textual) add([...at, "pattern"], "pattern only applies to text, textarea and email fields");
      else {
        try {
          new RegExp(field.pattern, "u");
        } catch {
          add([...at, "pattern"], `"${field.pattern}" is not a valid regular expression`);
        }
      }
    }
    if (field.default !== void 0) {
      const problem2 = checkFieldValue(field, field.default);
      if (problem2) add([...at, "default"], `the default ${problem2}`);
    }
  });
  const checkRule = (rule2, at, allowSla) => {
    const facts = inspectRule(rule2);
    for (const p of facts.problems) add([...at, ...p.path], p.message);
    for (const v of facts.vars) {
      const [root2, name] = v.name.split(".");
      const where = [...at, ...v.path];
      if (root2 === "fields") {
        if (name !== void 0 && !fields.has(name)) add(where, `reads the field "${name}", which the form does not have`);
      } else if (root2 === "ticket") {
        if (name !== void 0 && !ticketFacts.includes(name)) {
          add(where, `"ticket.${name}" is not something a rule can read; use one of ${ticketFacts.join(", ")}`);
        }
      } else if (root2 === "requester") {
        if (name !== void 0 && !requesterFacts.includes(name)) {
          add(where, `"requester.${name}" is not something a rule can read; use one of ${requesterFacts.join(", ")}`);
        }
      } else if (root2 === "sla") {
        if (!allowSla) add(where, 'SLA facts ("sla.\u2026") are only known to escalation rules');
      } else {
        add(where, `"${v.name}" is not something a rule can read: names start with fields., ticket., requester.${allowSla ? " or sla." : ""}`);
      }
    }
  };
  const checkQueue = (queue2, at) => {
    if (queue2 !== void 0 && !refs.queues.has(queue2)) add(at, `the queue "${queue2}" does not exist`);
  };
  const checkTemplate2 = (name, at) => {
    if (!refs.templates.has(name)) add(at, `the template "${name}" does not exist`);
  };
  const checkRecipients = (to, at) => {
    to.forEach((r, i) => {
      if (!namedRecipients.has(r) && !emailAddress2.test(r)) {
        add([...at, i], `"${r}" is not a recipient: use requester, assignee, queue, queue.manager or an e-mail address`);
      }
    });
  };
  wf.form.fields.forEach((field, i) => {
    if (field.visibleWhen !== void 0) checkRule(field.visibleWhen, ["form", "fields", i, "visibleWhen"], false);
  });
  if (wf.titleField !== void 0 && !fields.has(wf.titleField)) add(["titleField"], `the form has no field "${wf.titleField}"`);
  const matrixKeys = Object.entries(wf.priority.matrix);
  const impact = fields.get(wf.priority.impactField);
  const urgency = fields.get(wf.priority.urgencyField);
  const optionValues2 = (f) => f?.options ? new Set(f.options.map((o) => typeof o === "string" ? o : o.value)) : void 0;
  const impactValues = optionValues2(impact);
  const urgencyValues = optionValues2(urgency);
  for (const [impactKey, row] of matrixKeys) {
    if (impactKey !== "*") {
      if (!impact) add(["priority", "impactField"], `the form has no field "${wf.priority.impactField}" for the matrix's impact`);
      else if (impactValues && !impactValues.has(impactKey)) {
        add(["priority", "matrix", impactKey], `"${impactKey}" is not an option of the field "${impact.key}"`);
      }
    }
    for (const urgencyKey of Object.keys(row)) {
      if (urgencyKey === "*") continue;
      if (!urgency) add(["priority", "urgencyField"], `the form has no field "${wf.priority.urgencyField}" for the matrix's urgency`);
      else if (urgencyValues && !urgencyValues.has(urgencyKey)) {
        add(["priority", "matrix", impactKey, urgencyKey], `"${urgencyKey}" is not an option of the field "${urgency.key}"`);
      }
    }
  }
  wf.categorise.forEach((rule2, i) => {
    checkRule(rule2.when, ["categorise", i, "when"], false);
    checkQueue(rule2.set.queue, ["categorise", i, "set", "queue"]);
  });
  checkQueue(wf.defaultQueue, ["defaultQueue"]);
  const alwaysSetsQueue = wf.categorise.some((r) => r.when === true && r.set.queue !== void 0);
  if (!wf.defaultQueue && !alwaysSetsQueue) {
    add(["categorise"], 'no rule is sure to choose a queue: add a last rule with "when": true that sets a queue, or set "defaultQueue"');
  }
  if (!refs.slaPolicies.has(wf.sla)) add(["sla"], `the SLA policy "${wf.sla}" does not exist`);
  wf.escalations.forEach((esc, i) => {
    checkRule(esc.when, ["escalations", i, "when"], true);
    esc.do.forEach((action, j) => {
      const at = ["escalations", i, "do", j];
      if ("notify" in action) {
        checkTemplate2(action.notify.template, [...at, "notify", "template"]);
        checkRecipients(action.notify.to, [...at, "notify", "to"]);
      } else if ("setQueue" in action) checkQueue(action.setQueue, [...at, "setQueue"]);
    });
  });
  wf.notifications.forEach((n, i) => {
    checkTemplate2(n.template, ["notifications", i, "template"]);
    checkRecipients(n.to, ["notifications", i, "to"]);
  });
  return errors.length ? { ok: false, errors } : { ok: true, definition: wf };
}

// server/services/workflow.service.ts
async function loadReferences(db) {
  const [queues, policies, templates] = await Promise.all([listQueues(db), listSlaPolicies(db), loadTemplateLookup(db)]);
  return { queues: new Set(queues.map((q) => q.id)), slaPolicies: new Set(policies.map((p) => p.id)), templates: templates.names };
}
async function assertValidWorkflow(db, definition, id) {
  const result = validateWorkflow(definition, await loadReferences(db));
  if (!result.ok) throw invalid("The workflow has problems", result.errors);
  if (id !== void 0 && result.definition.id !== id) {
    throw invalid("The workflow has problems", [{ path: "id", message: `must be "${id}", the workflow this draft belongs to` }]);
  }
  return result.definition;
}
async function listWorkflows(desk) {
  const drafts = await listDrafts(desk.db);
  return Promise.all(
    drafts.map(async (d) => {
      const latest = await latestVersion(desk.db, d.id);
      const draft = d.draft;
      return {
        id: d.id,
        name: draft.name ?? null,
        kind: draft.kind ?? null,
        draftRevision: d.revision,
        draftUpdatedAt: d.updatedAt,
        draftUpdatedBy: d.updatedBy,
        published: latest ? { version: latest.version, publishedAt: latest.publishedAt } : null,
        draftAhead: !latest || !sameDefinition(d.draft, latest.definition)
      };
    })
  );
}
function sameDefinition(draft, published) {
  const parsed = workflowDefinition.safeParse(draft);
  if (!parsed.success) return false;
  const { $schema: _a, ...a } = parsed.data;
  const { $schema: _b, ...b } = published;
  return isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
}
async function getDraft(desk, id) {
  const draft = await findDraft(desk.db, id);
  if (!draft) throw notFound(`The workflow "${id}"`);
  return draft;
}
async function saveWorkflowDraft(desk, actor, id, definition, baseRevision) {
  return inTransaction(desk.db, async (trx) => {
    await assertValidWorkflow(trx, definition, id);
    const current = await findDraft(trx, id);
    if (baseRevision !== void 0 && current && current.revision !== baseRevision) {
      throw new DeskError(409, "conflict", `Someone else saved this draft (revision ${current.revision}) after you opened revision ${baseRevision}`);
    }
    const revision = await saveDraft(trx, { id, draft: definition, at: desk.now().toISOString(), by: actor?.email ?? null });
    return { id, revision };
  });
}
async function publishWorkflow(desk, actor, id, note) {
  return inTransaction(desk.db, async (trx) => {
    const draft = await findDraft(trx, id);
    if (!draft) throw notFound(`The workflow "${id}"`);
    const definition = await assertValidWorkflow(trx, draft.draft, id);
    const latest = await latestVersion(trx, id);
    if (latest && sameDefinition(definition, latest.definition)) {
      throw new DeskError(409, "nothing-to-publish", `The draft is the same as version ${latest.version}; change something before publishing`);
    }
    const version = (latest?.version ?? 0) + 1;
    const at = desk.now().toISOString();
    const versionId = await insertVersion(trx, { workflowId: id, version, definition, note, at, by: actor?.email ?? null });
    return { id: versionId, workflowId: id, version, definition, note, publishedAt: at, publishedBy: actor?.email ?? null };
  });
}
async function workflowVersions(desk, id) {
  await getDraft(desk, id);
  return listVersions(desk.db, id);
}
async function exportWorkflow(desk, id) {
  const latest = await latestVersion(desk.db, id);
  if (latest) return { $schema: "./workflow.schema.json", ...latest.definition };
  return (await getDraft(desk, id)).draft;
}
async function importWorkflow(desk, actor, definition) {
  const id = definition?.id;
  if (typeof id !== "string") throw invalid("The workflow has problems", [{ path: "id", message: "is required" }]);
  return saveWorkflowDraft(desk, actor, id, definition);
}
async function simulateWorkflow(desk, requester, id, fields) {
  const draft = await getDraft(desk, id);
  const definition = await assertValidWorkflow(desk.db, draft.draft, id);
  const [directory, templates] = await Promise.all([
    loadDirectory(desk.db, { name: desk.config.deskName, url: desk.config.publicUrl }),
    loadTemplateLookup(desk.db)
  ]);
  return submit({
    workflow: { id, versionId: 0, version: 0, definition },
    fields,
    requester,
    desk: directory,
    templates: templates.lookup,
    ticketId: null,
    now: desk.now()
  });
}

// server/http/admin-workflows.routes.ts
var idParam = z11.object({ id: slug });
var definitionBody = jsonBody(
  z11.record(z11.string(), z11.unknown()).describe("A workflow definition; its format is workflows/workflow.schema.json")
);
var saved = z11.object({ id: z11.string(), revision: z11.number().int() });
var adminWorkflowRoutes = router().openapi(
  createRoute4({
    method: "get",
    path: "/api/admin/workflows",
    tags: ["Admin: workflows"],
    summary: "Every workflow with its draft and published state",
    middleware: [allow("admin")],
    responses: { 200: jsonResponse(z11.object({ items: z11.array(workflowSummary) }), "Workflows"), ...problems(401, 403) }
  }),
  async (c) => c.json({ items: await listWorkflows(c.get("desk")) }, 200)
).openapi(
  createRoute4({
    method: "get",
    path: "/api/admin/workflows/{id}",
    tags: ["Admin: workflows"],
    summary: "A workflow's draft",
    middleware: [allow("admin")],
    request: { params: idParam },
    responses: { 200: jsonResponse(workflowDraft, "The draft"), ...problems(401, 403, 404) }
  }),
  async (c) => c.json(await getDraft(c.get("desk"), c.req.valid("param").id), 200)
).openapi(
  createRoute4({
    method: "put",
    path: "/api/admin/workflows/{id}/draft",
    tags: ["Admin: workflows"],
    summary: "Save a draft; refused with every problem (path and reason) when it is not valid",
    middleware: [allow("admin")],
    request: {
      params: idParam,
      query: z11.object({ baseRevision: z11.coerce.number().int().positive().optional().describe("The revision the edit started from; a newer one on the server gives 409") }),
      body: definitionBody
    },
    responses: { 200: jsonResponse(saved, "Saved"), ...problems(401, 403, 409, 422) }
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const { baseRevision } = c.req.valid("query");
    return c.json(await saveWorkflowDraft(c.get("desk"), currentUser(c), id, c.req.valid("json"), baseRevision), 200);
  }
).openapi(
  createRoute4({
    method: "post",
    path: "/api/admin/workflows/{id}/simulate",
    tags: ["Admin: workflows"],
    summary: "Run a submission through the draft and see what would happen; nothing is written",
    middleware: [allow("admin")],
    request: { params: idParam, body: jsonBody(z11.object({ fields: z11.record(z11.string(), z11.unknown()) })) },
    responses: {
      200: jsonResponse(
        z11.object({
          ticket: z11.record(z11.string(), z11.unknown()),
          events: z11.array(z11.object({ type: z11.string(), data: z11.record(z11.string(), z11.unknown()) })),
          notifications: z11.array(z11.record(z11.string(), z11.unknown()))
        }),
        "What the submission would create"
      ),
      ...problems(401, 403, 404, 422)
    }
  }),
  async (c) => {
    const result = await simulateWorkflow(c.get("desk"), currentUser(c), c.req.valid("param").id, c.req.valid("json").fields);
    if (!result.ok) throw invalid("The submission would be refused", result.problems);
    const { ticket: ticket2, events, notifications } = result;
    return c.json({ ticket: { ...ticket2 }, events, notifications: notifications.map((n) => ({ ...n })) }, 200);
  }
).openapi(
  createRoute4({
    method: "post",
    path: "/api/admin/workflows/{id}/publish",
    tags: ["Admin: workflows"],
    summary: "Publish the draft as a new immutable version",
    middleware: [allow("admin")],
    request: { params: idParam, body: { ...jsonBody(z11.object({ note: z11.string().max(2e3).optional() })), required: false } },
    responses: { 201: jsonResponse(workflowVersion, "The new version"), ...problems(401, 403, 404, 409, 422) }
  }),
  async (c) => {
    const note = c.req.valid("json")?.note ?? null;
    return c.json(await publishWorkflow(c.get("desk"), currentUser(c), c.req.valid("param").id, note), 201);
  }
).openapi(
  createRoute4({
    method: "get",
    path: "/api/admin/workflows/{id}/versions",
    tags: ["Admin: workflows"],
    summary: "Published versions, newest first",
    middleware: [allow("admin")],
    request: { params: idParam },
    responses: { 200: jsonResponse(z11.object({ items: z11.array(workflowVersion) }), "Versions"), ...problems(401, 403, 404) }
  }),
  async (c) => c.json({ items: await workflowVersions(c.get("desk"), c.req.valid("param").id) }, 200)
).openapi(
  createRoute4({
    method: "get",
    path: "/api/admin/workflows/{id}/export",
    tags: ["Admin: workflows"],
    summary: "The published definition as a file for workflows/",
    middleware: [allow("admin")],
    request: { params: idParam },
    responses: { 200: jsonResponse(z11.record(z11.string(), z11.unknown()), "The workflow file"), ...problems(401, 403, 404) }
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const file = await exportWorkflow(c.get("desk"), id);
    c.header("Content-Disposition", `attachment; filename="${id}.json"`);
    return c.json(file, 200);
  }
).openapi(
  createRoute4({
    method: "post",
    path: "/api/admin/workflows/import",
    tags: ["Admin: workflows"],
    summary: "Import a workflow file as its workflow's draft (publish separately)",
    middleware: [allow("admin")],
    request: { body: definitionBody },
    responses: { 200: jsonResponse(saved, "Imported as the draft"), ...problems(401, 403, 422) }
  }),
  async (c) => c.json(await importWorkflow(c.get("desk"), currentUser(c), c.req.valid("json")), 200)
);

// server/http/auth.routes.ts
import { createRoute as createRoute5, z as z12 } from "@hono/zod-openapi";
import { deleteCookie, getCookie as getCookie2, setCookie } from "hono/cookie";
var credentials = z12.object({ email: z12.string().min(1), password: z12.string().min(1) });
var authRoutes = router().openapi(
  createRoute5({
    method: "post",
    path: "/api/auth/login",
    tags: ["Accounts"],
    summary: "Sign in with e-mail and password; sets the session cookie",
    middleware: [allow("anyone")],
    request: { body: jsonBody(credentials) },
    responses: { 200: jsonResponse(z12.object({ user }), "Signed in"), ...problems(401, 422) }
  }),
  async (c) => {
    const { email, password } = c.req.valid("json");
    const desk = c.get("desk");
    const session = await signIn(desk, email, password);
    setCookie(c, sessionCookie, session.sessionSecret, {
      httpOnly: true,
      sameSite: "Lax",
      secure: desk.config.secureCookies,
      path: "/",
      expires: session.expiresAt
    });
    return c.json({ user: session.user }, 200);
  }
).openapi(
  createRoute5({
    method: "post",
    path: "/api/auth/logout",
    tags: ["Accounts"],
    summary: "Sign out: ends the session",
    middleware: [allow("anyone")],
    responses: { 204: { description: "Signed out" } }
  }),
  async (c) => {
    const secret = getCookie2(c, sessionCookie);
    if (secret) await signOut(c.get("desk"), secret);
    deleteCookie(c, sessionCookie, { path: "/" });
    return c.body(null, 204);
  }
).openapi(
  createRoute5({
    method: "get",
    path: "/api/me",
    tags: ["Accounts"],
    summary: "The signed-in person",
    middleware: [allow("signed-in")],
    responses: { 200: jsonResponse(z12.object({ user }), "The signed-in person"), ...problems(401) }
  }),
  (c) => c.json({ user: currentUser(c) }, 200)
);

// server/http/catalog.routes.ts
import { createRoute as createRoute6, z as z15 } from "@hono/zod-openapi";

// server/engine/workflow/catalog.schema.ts
import { z as z13 } from "zod";
var catalogEntry = z13.object({
  id: z13.string(),
  version: z13.number().int(),
  name: localisedText,
  description: localisedText.nullable(),
  kind: z13.enum(workflowKinds),
  form: z13.object({ fields: z13.array(formField) })
});

// server/engine/tickets/ticket.schema.ts
import { z as z14 } from "zod";
var ticket = z14.object({
  id: z14.number().int(),
  number: z14.string().describe('What people quote, e.g. "INC-1042"'),
  workflowId: z14.string(),
  workflowVersionId: z14.number().int().describe("The workflow version the ticket was created under; it keeps it"),
  kind: z14.string(),
  status: z14.string(),
  title: z14.string(),
  category: z14.string().nullable(),
  priority: z14.string(),
  impact: z14.string().nullable(),
  urgency: z14.string().nullable(),
  queue: z14.string(),
  assigneeId: z14.string().nullable(),
  requesterId: z14.string(),
  fields: z14.record(z14.string(), z14.unknown()),
  slaPolicy: z14.string(),
  slaDue: z14.object({ response: z14.string().nullable(), resolution: z14.string().nullable() }),
  createdAt: z14.string(),
  updatedAt: z14.string(),
  rowVersion: z14.number().int().describe("Send it back with an update; a stale one gets 409")
});
var ticketEvent = z14.object({
  id: z14.number().int(),
  type: z14.string(),
  actorId: z14.string().nullable(),
  data: z14.record(z14.string(), z14.unknown()),
  createdAt: z14.string()
});

// server/db/dialect.ts
import { sql as sql4 } from "kysely";
function searchableText(fields) {
  return Object.values(fields).flatMap((v) => Array.isArray(v) ? v : [v]).filter((v) => typeof v === "string" || typeof v === "number").join(" ");
}
async function indexTicketText(db, ticket2) {
  await sql4`INSERT INTO ticket_search (rowid, title, body) VALUES (${ticket2.id}, ${ticket2.title}, ${searchableText(ticket2.fields)})`.execute(db);
}
function ftsQuery(text) {
  const words = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  if (!words.length) return null;
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? "*" : ""}`).join(" ");
}
async function searchTicketIds(db, text, page2) {
  const match = ftsQuery(text);
  if (!match) return [];
  const before = page2.beforeId === void 0 ? sql4`` : sql4`AND rowid < ${page2.beforeId}`;
  const { rows } = await sql4`SELECT rowid FROM ticket_search WHERE ticket_search MATCH ${match} ${before} ORDER BY rowid DESC LIMIT ${page2.limit}`.execute(db);
  return rows.map((r) => r.rowid);
}
function isUniqueViolation(error) {
  const code = error?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505";
}

// server/db/tickets.repository.ts
import { sql as sql5 } from "kysely";
var activeStatuses = ["new", "open", "pending"];
var isActive = sql5`${sql5.ref("status")} in (${sql5.join(activeStatuses.map((s) => sql5.lit(s)))})`;
function toTicket(row) {
  return {
    id: row.id,
    number: formatTicketNumber(row.kind, row.id),
    workflowId: row.workflow_id,
    workflowVersionId: row.workflow_version_id,
    kind: row.kind,
    status: row.status,
    title: row.title,
    category: row.category,
    priority: row.priority,
    impact: row.impact,
    urgency: row.urgency,
    queue: row.queue_id,
    assigneeId: row.assignee_id,
    requesterId: row.requester_id,
    fields: JSON.parse(row.fields),
    slaPolicy: row.sla_policy,
    slaDue: { response: row.response_due_at, resolution: row.resolution_due_at },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    rowVersion: row.row_version
  };
}
async function allocateTicketId(db) {
  const row = await db.updateTable("counters").set((eb) => ({ value: eb("value", "+", 1) })).where("name", "=", "ticket").returning("value").executeTakeFirstOrThrow();
  return row.value;
}
async function insertTicket(db, t) {
  await db.insertInto("tickets").values({
    id: t.id,
    workflow_id: t.workflowId,
    workflow_version_id: t.workflowVersionId,
    kind: t.kind,
    status: t.status,
    title: t.title,
    category: t.category,
    priority: t.priority,
    impact: t.impact,
    urgency: t.urgency,
    queue_id: t.queue,
    assignee_id: t.assigneeId,
    requester_id: t.requesterId,
    fields: JSON.stringify(t.fields),
    sla_policy: t.slaPolicy,
    response_due_at: t.slaDue.response,
    resolution_due_at: t.slaDue.resolution,
    idempotency_key: t.idempotencyKey,
    created_at: t.createdAt,
    updated_at: t.createdAt,
    row_version: 1
  }).execute();
  await indexTicketText(db, t);
}
async function insertEvents(db, ticketId, actorId, at, events) {
  if (!events.length) return;
  await db.insertInto("ticket_events").values(events.map((e) => ({ ticket_id: ticketId, type: e.type, actor_id: actorId, data: JSON.stringify(e.data), created_at: at }))).execute();
}
async function findTicket(db, id) {
  const row = await db.selectFrom("tickets").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toTicket(row);
}
async function findTicketByIdempotencyKey(db, requesterId, key) {
  const row = await db.selectFrom("tickets").selectAll().where("requester_id", "=", requesterId).where("idempotency_key", "=", key).executeTakeFirst();
  return row && toTicket(row);
}
async function listEvents(db, ticketId) {
  const rows = await db.selectFrom("ticket_events").selectAll().where("ticket_id", "=", ticketId).orderBy("id").execute();
  return rows.map((r) => ({ id: r.id, type: r.type, actorId: r.actor_id, data: JSON.parse(r.data), createdAt: r.created_at }));
}
async function findTicketsByIds(db, ids) {
  if (!ids.length) return [];
  const rows = await db.selectFrom("tickets").selectAll().where("id", "in", ids).execute();
  const byId = new Map(rows.map((r) => [r.id, toTicket(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
async function listRequesterTickets(db, requesterId, page2) {
  let query = db.selectFrom("tickets").selectAll().where("requester_id", "=", requesterId);
  if (page2.beforeId !== void 0) query = query.where("id", "<", page2.beforeId);
  const rows = await query.orderBy("id", "desc").limit(page2.limit).execute();
  return rows.map(toTicket);
}
async function listQueueTickets(db, queueId, page2) {
  let query = db.selectFrom("tickets").selectAll().where("queue_id", "=", queueId).where(isActive);
  const after = page2.after;
  if (after) {
    query = query.where(
      (eb) => eb.or([
        eb("priority", ">", after.priority),
        eb.and([eb("priority", "=", after.priority), eb("created_at", ">", after.createdAt)]),
        eb.and([eb("priority", "=", after.priority), eb("created_at", "=", after.createdAt), eb("id", ">", after.id)])
      ])
    );
  }
  const rows = await query.orderBy("priority").orderBy("created_at").orderBy("id").limit(page2.limit).execute();
  return rows.map(toTicket);
}
async function queueCounts(db) {
  const rows = await db.selectFrom("tickets").select((eb) => [
    "queue_id",
    eb.fn.countAll().as("open"),
    sql5`sum(case when ${eb.ref("assignee_id")} is null then 1 else 0 end)`.as("unassigned")
  ]).where(isActive).groupBy("queue_id").execute();
  return new Map(rows.map((r) => [r.queue_id, { open: Number(r.open), unassigned: Number(r.unassigned ?? 0) }]));
}

// server/services/desk-snapshot.ts
var snapshots = /* @__PURE__ */ new WeakMap();
async function deskSnapshot(desk, db = desk.db) {
  const revision = await settingsRevision(db);
  const cached = snapshots.get(desk);
  if (cached?.revision === revision) return cached;
  const [directory, templates, versions] = await Promise.all([
    loadDirectory(db, { name: desk.config.deskName, url: desk.config.publicUrl }),
    loadTemplateLookup(db),
    latestVersions(db)
  ]);
  const snapshot = { revision, directory, templates: templates.lookup, published: new Map(versions.map((v) => [v.workflowId, v])) };
  snapshots.set(desk, snapshot);
  return snapshot;
}

// server/services/intake.service.ts
var mayUse = (user2, definition) => definition.audience.some((role2) => user2.roles.includes(role2));
async function catalog(desk, user2) {
  const versions = await latestVersions(desk.db);
  return versions.filter((v) => mayUse(user2, v.definition)).map((v) => ({
    id: v.workflowId,
    version: v.version,
    name: v.definition.name,
    description: v.definition.description ?? null,
    kind: v.definition.kind,
    form: v.definition.form
  }));
}
async function submitForm(desk, requester, workflowId, fields, idempotencyKey) {
  const result = await inTransaction(desk.db, async (trx) => {
    if (idempotencyKey) {
      const earlier = await findTicketByIdempotencyKey(trx, requester.id, idempotencyKey);
      if (earlier) return { ticket: earlier, created: false, notified: false };
    }
    const snapshot = await deskSnapshot(desk, trx);
    const version = snapshot.published.get(workflowId);
    if (!version || !mayUse(requester, version.definition)) throw notFound(`The form "${workflowId}"`);
    const ticketId = await allocateTicketId(trx);
    const now = desk.now();
    const outcome = submit({
      workflow: { id: workflowId, versionId: version.id, version: version.version, definition: version.definition },
      fields,
      requester,
      desk: snapshot.directory,
      templates: snapshot.templates,
      ticketId,
      now
    });
    if (!outcome.ok) throw invalid("Some fields need attention", outcome.problems);
    const at = now.toISOString();
    const t = outcome.ticket;
    const ticket2 = {
      id: ticketId,
      number: t.number,
      workflowId,
      workflowVersionId: version.id,
      kind: t.kind,
      status: t.status,
      title: t.title,
      category: t.category,
      priority: t.priority,
      impact: t.impact,
      urgency: t.urgency,
      queue: t.queue,
      assigneeId: null,
      requesterId: requester.id,
      fields: t.fields,
      slaPolicy: t.sla.policy,
      slaDue: { response: t.sla.response, resolution: t.sla.resolution },
      createdAt: at,
      updatedAt: at,
      rowVersion: 1
    };
    await insertTicket(trx, { ...ticket2, idempotencyKey });
    await insertEvents(trx, ticketId, requester.id, at, outcome.events);
    await insertOutbox(
      trx,
      ticketId,
      at,
      outcome.notifications.map((n) => ({ ...n, recipient: n.recipient.email, ...n.error ? { error: n.error } : {} }))
    );
    return { ticket: ticket2, created: true, notified: outcome.notifications.some((n) => n.status === "pending") };
  }).catch(async (error) => {
    if (idempotencyKey && isUniqueViolation(error)) {
      const earlier = await findTicketByIdempotencyKey(desk.db, requester.id, idempotencyKey);
      if (earlier) return { ticket: earlier, created: false, notified: false };
    }
    throw error;
  });
  if (result.notified) desk.onOutboxWritten?.();
  return { ticket: result.ticket, created: result.created };
}

// server/http/catalog.routes.ts
var submission = z15.object({
  fields: z15.record(z15.string(), z15.unknown()).describe("Field key \u2192 value, as the form defines them")
});
var catalogRoutes = router().openapi(
  createRoute6({
    method: "get",
    path: "/api/catalog",
    tags: ["Portal"],
    summary: "The forms the caller may submit, each with its published form",
    middleware: [allow("signed-in")],
    responses: { 200: jsonResponse(z15.object({ items: z15.array(catalogEntry) }), "The catalogue"), ...problems(401) }
  }),
  async (c) => c.json({ items: await catalog(c.get("desk"), currentUser(c)) }, 200)
).openapi(
  createRoute6({
    method: "post",
    path: "/api/workflows/{id}/submissions",
    tags: ["Portal"],
    summary: "Submit a form; the ticket is categorised, prioritised and routed",
    description: "Send an `Idempotency-Key` header to make retries safe: a repeated key returns the ticket the first request created.",
    middleware: [allow("signed-in")],
    request: {
      params: z15.object({ id: z15.string() }),
      headers: z15.object({ "idempotency-key": z15.string().min(1).max(200).optional() }),
      body: jsonBody(submission)
    },
    responses: {
      201: jsonResponse(z15.object({ ticket }), "The ticket was created"),
      200: jsonResponse(z15.object({ ticket }), "The same Idempotency-Key was used before; this is that ticket"),
      ...problems(401, 404, 422)
    }
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const { fields } = c.req.valid("json");
    const key = c.req.valid("header")["idempotency-key"] ?? null;
    const result = await submitForm(c.get("desk"), currentUser(c), id, fields, key);
    return result.created ? c.json({ ticket: result.ticket }, 201) : c.json({ ticket: result.ticket }, 200);
  }
);

// server/http/tickets.routes.ts
import { createRoute as createRoute7, z as z16 } from "@hono/zod-openapi";

// server/engine/people/visibility.ts
function seesAllTickets(user2) {
  return user2.roles.includes("admin") || user2.roles.includes("manager");
}
function worksQueues(user2) {
  return user2.roles.includes("agent") || user2.roles.includes("specialist");
}
function worksOnTicket(user2, ticket2, queueGroup) {
  if (seesAllTickets(user2)) return true;
  if (!worksQueues(user2)) return false;
  const group2 = queueGroup(ticket2.queue);
  return group2 !== void 0 && user2.groups.includes(group2);
}
function canSeeTicket(user2, ticket2, queueGroup) {
  return ticket2.requesterId === user2.id || worksOnTicket(user2, ticket2, queueGroup);
}
function canSeeQueue(user2, queueGroupId) {
  return seesAllTickets(user2) || worksQueues(user2) && user2.groups.includes(queueGroupId);
}

// server/services/ticket.service.ts
var publicEventTypes = /* @__PURE__ */ new Set(["ticket.created", "reply.public", "status.changed", "ticket.resolved", "ticket.closed", "ticket.reopened"]);
async function getTicket(desk, user2, id) {
  const ticket2 = await findTicket(desk.db, id);
  const queues = new Map((await listQueues(desk.db)).map((q) => [q.id, q.group]));
  if (!ticket2 || !canSeeTicket(user2, ticket2, (q) => queues.get(q))) throw notFound(`Ticket ${id}`);
  const events = await listEvents(desk.db, id);
  const staff = worksOnTicket(user2, ticket2, (q) => queues.get(q));
  return { ticket: ticket2, events: staff ? events : events.filter((e) => publicEventTypes.has(e.type)) };
}
async function myTickets(desk, user2, page2) {
  const tickets = await listRequesterTickets(desk.db, user2.id, { limit: page2.limit + 1, ...page2.beforeId !== void 0 ? { beforeId: page2.beforeId } : {} });
  const more = tickets.length > page2.limit;
  const items = tickets.slice(0, page2.limit);
  return { items, next: more ? String(items.at(-1).id) : null };
}
async function searchTickets(desk, user2, text, page2) {
  const queues = new Map((await listQueues(desk.db)).map((q) => [q.id, q.group]));
  const items = [];
  let before = page2.beforeId;
  let exhausted = false;
  while (items.length < page2.limit && !exhausted) {
    const chunk = page2.limit * 4;
    const ids = await searchTicketIds(desk.db, text, { limit: chunk, ...before !== void 0 ? { beforeId: before } : {} });
    exhausted = ids.length < chunk;
    if (ids.length) before = ids.at(-1);
    for (const ticket2 of await findTicketsByIds(desk.db, ids)) {
      if (items.length < page2.limit && canSeeTicket(user2, ticket2, (q) => queues.get(q))) items.push(ticket2);
    }
  }
  const last = items.at(-1);
  return { items, next: items.length === page2.limit && last && !(exhausted && before === last.id) ? String(last.id) : null };
}
async function visibleQueues(desk, user2) {
  const [queues, counts] = await Promise.all([listQueues(desk.db), queueCounts(desk.db)]);
  return queues.filter((q) => canSeeQueue(user2, q.group)).map((q) => ({ ...q, open: counts.get(q.id)?.open ?? 0, unassigned: counts.get(q.id)?.unassigned ?? 0 }));
}
var encodeCursor = (c) => Buffer.from(JSON.stringify([c.priority, c.createdAt, c.id])).toString("base64url");
function decodeCursor(text) {
  try {
    const [priority2, createdAt, id] = JSON.parse(Buffer.from(text, "base64url").toString());
    if (typeof priority2 === "string" && typeof createdAt === "string" && typeof id === "number") return { priority: priority2, createdAt, id };
  } catch {
  }
  return void 0;
}
async function queueTickets(desk, user2, queueId, page2) {
  const queue2 = (await listQueues(desk.db)).find((q) => q.id === queueId);
  if (!queue2 || !canSeeQueue(user2, queue2.group)) throw notFound(`The queue "${queueId}"`);
  const after = page2.cursor ? decodeCursor(page2.cursor) : void 0;
  if (page2.cursor && !after) throw notFound("That page of the queue");
  const tickets = await listQueueTickets(desk.db, queueId, { limit: page2.limit + 1, ...after ? { after } : {} });
  const items = tickets.slice(0, page2.limit);
  const last = items.at(-1);
  return { items, next: tickets.length > page2.limit && last ? encodeCursor({ priority: last.priority, createdAt: last.createdAt, id: last.id }) : null };
}

// server/http/tickets.routes.ts
var page = z16.object({ items: z16.array(ticket), next: z16.string().nullable().describe("Pass as `cursor` for the next page; null on the last") });
var limit = z16.coerce.number().int().min(1).max(100).default(25);
var ticketRoutes = router().openapi(
  createRoute7({
    method: "get",
    path: "/api/tickets/{id}",
    tags: ["Tickets"],
    summary: "A ticket and its history (requesters see only the public part)",
    middleware: [allow("signed-in")],
    request: { params: z16.object({ id: z16.coerce.number().int().positive() }) },
    responses: { 200: jsonResponse(z16.object({ ticket, events: z16.array(ticketEvent) }), "The ticket"), ...problems(401, 404) }
  }),
  async (c) => c.json(await getTicket(c.get("desk"), currentUser(c), c.req.valid("param").id), 200)
).openapi(
  createRoute7({
    method: "get",
    path: "/api/tickets",
    tags: ["Tickets"],
    summary: "The caller's own tickets, newest first; with `q`, a text search over the tickets the caller may see",
    middleware: [allow("signed-in")],
    request: {
      query: z16.object({
        mine: z16.enum(["1", "true"]).optional().describe("Tickets the caller requested (the default list)"),
        q: z16.string().trim().min(1).max(200).optional().describe("Words to find in titles and field values; the last word may be a prefix"),
        cursor: z16.string().regex(/^\d+$/).optional(),
        limit
      })
    },
    responses: { 200: jsonResponse(page, "One page of tickets"), ...problems(401, 422) }
  }),
  async (c) => {
    const q = c.req.valid("query");
    const page2 = { limit: q.limit, ...q.cursor ? { beforeId: Number(q.cursor) } : {} };
    if (q.q) return c.json(await searchTickets(c.get("desk"), currentUser(c), q.q, page2), 200);
    return c.json(await myTickets(c.get("desk"), currentUser(c), page2), 200);
  }
).openapi(
  createRoute7({
    method: "get",
    path: "/api/queues",
    tags: ["Queues"],
    summary: "The queues the caller works, with open and unassigned counts",
    middleware: [allow("agent", "specialist", "manager", "admin")],
    responses: {
      200: jsonResponse(z16.object({ items: z16.array(queue.extend({ open: z16.number().int(), unassigned: z16.number().int() })) }), "Queues"),
      ...problems(401, 403)
    }
  }),
  async (c) => c.json({ items: await visibleQueues(c.get("desk"), currentUser(c)) }, 200)
).openapi(
  createRoute7({
    method: "get",
    path: "/api/queues/{id}/tickets",
    tags: ["Queues"],
    summary: "A queue's active tickets, most urgent and oldest first",
    middleware: [allow("agent", "specialist", "manager", "admin")],
    request: { params: z16.object({ id: z16.string() }), query: z16.object({ cursor: z16.string().optional(), limit }) },
    responses: { 200: jsonResponse(page, "One page of the queue"), ...problems(401, 403, 404) }
  }),
  async (c) => {
    const q = c.req.valid("query");
    return c.json(
      await queueTickets(c.get("desk"), currentUser(c), c.req.valid("param").id, { limit: q.limit, ...q.cursor ? { cursor: q.cursor } : {} }),
      200
    );
  }
);

// server/app.ts
var maxRequestBytes = 1024 * 1024;
var strictCsp = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"]
};
function apiRoutes() {
  return router().openapi(
    createRoute8({
      method: "get",
      path: "/healthz",
      tags: ["Operations"],
      summary: "The desk is up and its database answers",
      middleware: [allow("anyone")],
      responses: { 200: { content: { "application/json": { schema: z17.object({ status: z17.literal("ok") }) } }, description: "Healthy" } }
    }),
    async (c) => {
      await c.get("desk").db.selectFrom("counters").select("value").limit(1).execute();
      return c.json({ status: "ok" }, 200);
    }
  ).route("/", authRoutes).route("/", catalogRoutes).route("/", ticketRoutes).route("/", adminWorkflowRoutes).route("/", adminTemplateRoutes).route("/", adminDeskRoutes).route("/", adminUserRoutes);
}
function createApp(desk) {
  const app = new OpenAPIHono2();
  app.onError(onError);
  const sameOrigin = csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin || origin === desk.config.publicUrl });
  app.use("/api/docs", secureHeaders({ contentSecurityPolicy: { ...strictCsp, scriptSrc: ["'self'", "'unsafe-inline'"] } }));
  app.use("*", async (c, next) => c.req.path === "/api/docs" ? next() : secureHeaders({ contentSecurityPolicy: strictCsp })(c, next));
  app.use("*", async (c, next) => {
    c.set("desk", desk);
    c.set("user", null);
    await next();
  });
  app.use(
    "/api/*",
    // A bearer token is not sent by browsers on their own, so only cookie sessions need CSRF checks.
    async (c, next) => c.req.header("authorization")?.startsWith("Bearer ") && !c.req.header("cookie") ? next() : sameOrigin(c, next),
    bodyLimit({ maxSize: maxRequestBytes, onError: (c) => problem(c, 413, "too-large", `The request is larger than ${maxRequestBytes / 1024} KiB`) }),
    identify
  );
  app.route("/", apiRoutes());
  app.openAPIRegistry.registerComponent("securitySchemes", "session", { type: "apiKey", in: "cookie", name: "deskwright_session" });
  app.openAPIRegistry.registerComponent("securitySchemes", "token", { type: "http", scheme: "bearer" });
  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Deskwright API",
      version: "0.1.0",
      description: "Errors are application/problem+json (RFC 9457); validation errors list `errors: [{ path, message }]`."
    },
    security: [{ session: [] }, { token: [] }]
  });
  app.get("/api/docs", swaggerUI({ url: "/api/openapi.json", baseUrl: "/api/docs/assets" }));
  app.use(
    "/api/docs/assets/swagger-ui-dist/*",
    serveStatic({ root: relative(process.cwd(), swaggerUiDir), rewriteRequestPath: (p) => p.replace("/api/docs/assets/swagger-ui-dist", "") })
  );
  app.all("/api/*", (c) => problem(c, 404, "not-found", `There is no API at ${c.req.method} ${c.req.path}`));
  const indexFile = join2(uiDistDir, "index.html");
  if (existsSync(uiDistDir)) app.use("/*", serveStatic({ root: relative(process.cwd(), uiDistDir) }));
  app.get(
    "*",
    (c) => existsSync(indexFile) ? c.html(readFileSync2(indexFile, "utf8")) : c.text("The web UI is not built yet: run `npm run build:ui`. The API is at /api/docs.", 503)
  );
  return app;
}

// server/channels/smtp.ts
import nodemailer from "nodemailer";
function smtpChannel(smtpUrl, from) {
  const url = new URL(smtpUrl);
  if (!url.searchParams.has("pool")) url.searchParams.set("pool", "true");
  const transport = nodemailer.createTransport(url.toString());
  return {
    async send(mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: `<div style="white-space:pre-wrap;font-family:system-ui,sans-serif">${mail.html}</div>`
      });
    },
    close: () => transport.close()
  };
}

// server/jobs/outbox-dispatcher.ts
var backoffMs = (attempt) => Math.min(6e4 * 2 ** (attempt - 1), 36e5);
function startOutboxDispatcher(options) {
  const o = { batchSize: 20, claimMs: 12e4, pollMs: 3e4, maxAttempts: 8, now: () => /* @__PURE__ */ new Date(), onError: (e) => console.error("outbox:", e), ...options };
  let running = null;
  let again = false;
  let stopped = false;
  const pass = async () => {
    const now = o.now();
    const due = await claimDue(o.db, now.toISOString(), new Date(now.getTime() + o.claimMs).toISOString(), o.batchSize);
    for (const message of due) {
      try {
        await o.channel.send({ to: message.recipient, subject: message.subject, text: message.text, html: message.html });
        await markSent(o.db, message.id, o.now().toISOString());
      } catch (error) {
        const retryAt = message.attempts >= o.maxAttempts ? null : new Date(o.now().getTime() + backoffMs(message.attempts)).toISOString();
        await markAttemptFailed(o.db, message.id, error.message ?? String(error), retryAt);
      }
    }
    return due.length;
  };
  const run = () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          while (!stopped && await pass() > 0) ;
        } while (again && !stopped);
      } catch (error) {
        o.onError(error);
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = setInterval(() => void run(), o.pollMs);
  timer.unref();
  return {
    wake: () => void run(),
    drain: () => run(),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      o.channel.close();
    }
  };
}

// server/services/accounts-bootstrap.service.ts
var demoPassword = "deskwright-demo";
var demoAccounts = [
  { email: "admin@example.com", name: "Ada Admin", roles: ["admin"], groups: [] },
  { email: "agent@example.com", name: "Sam Agent", roles: ["agent"], groups: ["service-desk"] },
  { email: "specialist@example.com", name: "Nia Specialist", roles: ["specialist"], groups: ["network-team", "devices-team", "identity-team"] },
  { email: "manager@example.com", name: "Mo Manager", roles: ["manager"], groups: ["service-desk"] },
  { email: "requester@example.com", name: "Alex Requester", roles: ["requester"], groups: [] }
];
async function ensureDemoAccounts(desk) {
  for (const account of demoAccounts) {
    if (!await findUserIdByEmail(desk.db, account.email)) await createUser(desk, { ...account, password: demoPassword });
  }
  return demoAccounts;
}
async function ensureFirstAdmin(desk) {
  if (await countUsers(desk.db) > 0) return null;
  const email = desk.config.admin.email ?? "admin@localhost.localdomain";
  const generatedPassword = desk.config.admin.password ? null : generatePassword();
  await createUser(desk, { email, name: "Administrator", password: desk.config.admin.password ?? generatedPassword, roles: ["admin"], groups: [] });
  return { email, generatedPassword };
}

// server/services/defaults.service.ts
async function installDefaults(desk, shipped) {
  const at = desk.now().toISOString();
  const report = { templates: { added: 0, updated: 0, kept: 0 }, workflowsPublished: [] };
  await inTransaction(desk.db, async (trx) => {
    for (const t of shipped.templates) report.templates[await installShippedTemplate(trx, at, t)] += 1;
    if ((await listDrafts(trx)).length > 0) return;
    const settings = deskSettings.safeParse(shipped.desk);
    if (!settings.success) {
      throw new DeskError(422, "validation", "The shipped desk.json is not valid", problemsFromZod(settings.error));
    }
    await importSettings(trx, settings.data);
    const inside = { ...desk, db: trx };
    for (const definition of shipped.workflows) {
      const id = definition.id;
      await saveWorkflowDraft(inside, null, id, definition);
      await publishWorkflow(inside, null, id, "Shipped with Deskwright");
      report.workflowsPublished.push(id);
    }
  });
  return report;
}

// server/desk.ts
async function startDesk(options) {
  const { config } = options;
  if (config.dbFile !== ":memory:") mkdirSync(dirname2(config.dbFile), { recursive: true });
  const database = openDatabase(config.dbFile, { cacheStatements: config.cacheStatements });
  let server;
  let dispatcher = null;
  try {
    await migrateToLatest(database.db);
    const context = { db: database.db, config, now: options.now ?? (() => /* @__PURE__ */ new Date()) };
    const defaults = await installDefaults(context, shippedDefaults());
    const signIn2 = [];
    if (options.mode === "demo") {
      for (const a of await ensureDemoAccounts(context)) signIn2.push({ email: a.email, password: demoPassword, roles: a.roles });
    } else {
      const admin = await ensureFirstAdmin(context);
      if (admin) signIn2.push({ email: admin.email, password: admin.generatedPassword, roles: ["admin"] });
    }
    if (config.smtpUrl) {
      dispatcher = startOutboxDispatcher({ db: database.db, channel: smtpChannel(config.smtpUrl, config.mailFrom), now: context.now });
      context.onOutboxWritten = () => dispatcher?.wake();
      dispatcher.wake();
    }
    const app = createApp(context);
    server = await new Promise((resolve) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    });
    const address = server.address();
    const host = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
    const url = `http://${host}:${address.port}`;
    if (config.port === 0) config.publicUrl = config.publicUrl.replace(/:0$/, `:${address.port}`);
    const running = server;
    return {
      url,
      context,
      database,
      dispatcher,
      defaults,
      signIn: signIn2,
      async close() {
        await new Promise((resolve) => {
          running.close(() => resolve());
          running.closeAllConnections?.();
        });
        await dispatcher?.stop();
        await database.close();
      }
    };
  } catch (error) {
    server?.close();
    await dispatcher?.stop();
    await database.close();
    throw error;
  }
}

// server/cli.ts
var usage = "usage: deskwright <demo|serve|migrate>";
async function main(command) {
  const env = { ...process.env };
  if (command === "demo") env.DESK_DB ??= "data/deskwright-demo.sqlite";
  const config = loadConfig(env);
  if (command === "migrate") {
    const database = openDatabase(config.dbFile);
    await migrateToLatest(database.db);
    await database.close();
    console.log(`${config.dbFile} is up to date`);
    return;
  }
  if (command !== "demo" && command !== "serve") {
    console.error(usage);
    process.exitCode = 2;
    return;
  }
  const desk = await startDesk({ config, mode: command });
  const lines = [
    "",
    `  Deskwright is running at ${config.publicUrl}`,
    `  database: ${config.dbFile}`,
    `  API docs: ${config.publicUrl}/api/docs`,
    desk.defaults.workflowsPublished.length ? `  published the shipped workflows: ${desk.defaults.workflowsPublished.join(", ")}` : "",
    config.smtpUrl ? `  e-mail: sending through ${new URL(config.smtpUrl).host}` : "  e-mail: SMTP_URL is not set, so notifications wait in the outbox (GET /api/admin/outbox)",
    ""
  ];
  if (desk.signIn.length) {
    lines.push(command === "demo" ? "  Sign in as any of these demo accounts:" : "  The first admin account:");
    for (const a of desk.signIn) {
      lines.push(`    ${a.roles.join(", ").padEnd(11)} ${a.email.padEnd(24)} ${a.password ?? "(the password in DESK_ADMIN_PASSWORD)"}`);
    }
    if (command === "serve" && desk.signIn[0]?.password) lines.push("  This password is shown only now: sign in and change it.");
    lines.push("");
  }
  console.log(lines.filter((l, i, all) => l !== "" || all[i - 1] !== "").join("\n"));
  const stop = async () => {
    await desk.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}
main(process.argv[2]).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
