// A Fediverse follower built with Fedify (an ActivityPub implementation
// partnerfeed did not write), driven by the Go interoperability test
// (fedify_test.go) over stdin/stdout, one JSON object per line.
//
// It serves one account, /users/reader, on loopback with Fedify's own
// federation (in-memory KV store, private addresses allowed, Fedify's own
// HTTP Signature verification on its inbox). Commands on stdin:
//   {"cmd":"follow","handle":"acct:venlo@127.0.0.1:PORT"}   WebFinger + Follow
//   {"cmd":"undo","handle":"acct:venlo@127.0.0.1:PORT"}     Undo of that Follow
// Events on stdout:
//   {"event":"listening","url":…}
//   {"event":"followed","handle":…,"actor":…,"type":…,"name":…}
//   {"event":"verified","keyId":…}      a POST whose signature Fedify's
//                                       verifyRequest() accepted (keyId null: refused)
//   {"event":"inbox","type":"Accept|Create|Update|Delete|Undo",
//    "actor":…,"object":…,"content":…,"language":… (contentMap's),"tags":[…],"attachments":[…]}
//   {"event":"error","message":…}
// PARTNERFEED_FEDIFY_MODULES names the node_modules folder holding @fedify/fedify.
import http from "node:http";
import path from "node:path";
import readline from "node:readline";
import { pathToFileURL } from "node:url";

const modules = process.env.PARTNERFEED_FEDIFY_MODULES;
const fedify = await import(pathToFileURL(path.join(modules, "@fedify/fedify/esm/mod.js")).href);
const {
  Accept, Create, Delete, Endpoints, Follow, Note, Person, Undo, Update,
  createFederation, generateCryptoKeyPair, getDocumentLoader, MemoryKvStore, verifyRequest,
} = fedify;

const emit = (o) => process.stdout.write(JSON.stringify(o) + "\n");

const federation = createFederation({ kv: new MemoryKvStore(), allowPrivateAddress: true });
const keys = [];
const keyPair = async () => {
  if (keys.length === 0) keys.push(await generateCryptoKeyPair("RSASSA-PKCS1-v1_5"));
  return keys;
};

federation
  .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
    if (identifier !== "reader") return null;
    const pairs = await ctx.getActorKeyPairs(identifier);
    return new Person({
      id: ctx.getActorUri(identifier),
      preferredUsername: identifier,
      name: "Fedify reader",
      inbox: ctx.getInboxUri(identifier),
      endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
      publicKey: pairs[0].cryptographicKey,
    });
  })
  .setKeyPairsDispatcher(async (_ctx, identifier) => (identifier === "reader" ? await keyPair() : []));

const report = (type) => async (_ctx, activity) => {
  const ev = { event: "inbox", type, id: activity.id?.href ?? null, actor: activity.actorId?.href ?? null,
    object: activity.objectId?.href ?? null };
  if (type === "Create" || type === "Update") {
    const note = await activity.getObject();
    if (note instanceof Note) {
      ev.content = note.content?.toString() ?? null;
      // The language Fedify reads from contentMap (a LanguageString).
      const tagged = (note.contents ?? []).find((c) => c.language != null);
      ev.language = tagged?.language?.compact?.() ?? null;
      ev.tags = [];
      for await (const t of note.getTags()) ev.tags.push(t.name?.toString() ?? null);
      ev.attachments = [];
      for await (const a of note.getAttachments()) ev.attachments.push({ url: a.url?.href ?? null, name: a.name?.toString() ?? null });
      ev.url = note.url?.href ?? null;
    }
  }
  emit(ev);
};

federation
  .setInboxListeners("/users/{identifier}/inbox", "/inbox")
  .on(Accept, report("Accept"))
  .on(Create, report("Create"))
  .on(Update, report("Update"))
  .on(Delete, report("Delete"))
  .onError((_ctx, error) => emit({ event: "error", message: String(error) }));

const documentLoader = getDocumentLoader({ allowPrivateAddress: true });

const server = http.createServer(async (req, res) => {
  try {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const url = new URL(req.url, origin);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      for (const x of Array.isArray(v) ? v : [v]) if (x != null) headers.append(k, x);
    }
    const body = req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks);
    const request = new Request(url, { method: req.method, headers, body });
    if (req.method === "POST") {
      const key = await verifyRequest(request.clone(), { documentLoader });
      emit({ event: "verified", keyId: key?.id?.href ?? null });
    }
    const response = await federation.fetch(request, { contextData: undefined });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (e) {
    emit({ event: "error", message: String(e?.stack ?? e) });
    res.writeHead(500);
    res.end();
  }
});

let origin = "";
server.listen(0, "127.0.0.1", () => {
  origin = `http://127.0.0.1:${server.address().port}`;
  emit({ event: "listening", url: origin });
});

const follows = new Map(); // handle → { follow, actor }
const rl = readline.createInterface({ input: process.stdin });
rl.on("line", async (line) => {
  try {
    const cmd = JSON.parse(line);
    const ctx = federation.createContext(new URL(origin), undefined);
    const me = ctx.getActorUri("reader");
    if (cmd.cmd === "follow") {
      const actor = await ctx.lookupObject(cmd.handle);
      if (actor == null) throw new Error(`lookup of ${cmd.handle} found nothing`);
      const follow = new Follow({ id: new URL(`${me.href}/follows/${follows.size + 1}`), actor: me, object: actor.id });
      follows.set(cmd.handle, { follow, actor });
      await ctx.sendActivity({ identifier: "reader" }, actor, follow);
      emit({ event: "followed", handle: cmd.handle, actor: actor.id.href, type: actor.constructor.name,
        name: actor.name?.toString() ?? null, username: actor.preferredUsername?.toString() ?? null });
    } else if (cmd.cmd === "undo") {
      const f = follows.get(cmd.handle);
      await ctx.sendActivity({ identifier: "reader" }, f.actor,
        new Undo({ id: new URL(`${f.follow.id.href}/undo`), actor: me, object: f.follow }));
      emit({ event: "undone", handle: cmd.handle });
    }
  } catch (e) {
    emit({ event: "error", message: String(e?.stack ?? e) });
  }
});
rl.on("close", () => server.close(() => process.exit(0)));
