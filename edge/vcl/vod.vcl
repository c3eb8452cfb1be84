vcl 4.1;
# The platform's edge cache: Varnish in front of the gateway and the domain services' public reads.
# Answers are kept for their s-maxage and dropped sooner by key: every cacheable answer names what
# it was made from in an `xkey` header (indexed by vmod xkey, never shown to clients), and the
# invalidator (edge/invalidator) purges those keys once availability has applied each update event.
# docs/runbook.md ("Edge cache") says how keys, lifetimes and purging work and how to flush by hand.

import std;
import var;
import xkey;

# The backends (gateway, catalogue, guidance, licencing, availability) with their health probes:
# generated for one origin by `npm run start:edge` and the tests, edge/vcl/compose-backends.vcl in compose.
include "backends.vcl";

# Who may purge: the invalidator runs on this host or in the same private network.
acl purgers {
  "127.0.0.1";
  "::1";
  "10.0.0.0"/8;
  "172.16.0.0"/12;
  "192.168.0.0"/16;
}

sub vcl_recv {
  if (req.method == "PURGE") {
    if (client.ip !~ purgers) {
      return (synth(403, "Forbidden"));
    }
    # xkey-softpurge expires the answers but keeps them for stale-while-revalidate: the next
    # client gets the kept answer while Varnish refetches, so a repeated purge costs no miss.
    if (req.http.xkey-softpurge) {
      set req.http.xkey-purged = xkey.softpurge(req.http.xkey-softpurge);
      return (synth(200, "Purged"));
    }
    if (!req.http.xkey-purge) {
      return (synth(400, "Name the keys to purge in the xkey-purge header"));
    }
    # A purge cannot reach an answer still being fetched: see vcl_backend_response. (A soft
    # purge is the invalidator's repeat, seconds after availability applied the event: what a
    # fetch overlapping it got is already fresh.)
    var.global_set("edge-purged-at", "" + std.time2real(now, 0.0));
    set req.http.xkey-purged = xkey.purge(req.http.xkey-purge);
    return (synth(200, "Purged"));
  }
  # Only this edge sets these: a client cannot ask for a refresh or pose as one.
  if (req.restarts == 0) {
    unset req.http.x-edge-refresh;
    unset req.http.x-edge-stale-ok;
    unset req.http.Surrogate-Capability;
  }
  if (req.url ~ "^/catalogue([/?]|$)") {
    set req.backend_hint = catalogue;
  } else if (req.url ~ "^/guidance([/?]|$)") {
    set req.backend_hint = guidance;
  } else if (req.url ~ "^/licencing([/?]|$)") {
    set req.backend_hint = licencing;
  } else if (req.url ~ "^/availability([/?]|$)") {
    set req.backend_hint = availability;
  } else {
    set req.backend_hint = gateway;
  }
  # Past stale-while-revalidate with a healthy origin: look up again, taking nothing stale.
  # (req.grace outlives a restart, so it is set either way: the object's own grace bounds it.)
  if (req.http.x-edge-refresh && !req.http.x-edge-stale-ok) {
    set req.grace = 0s;
  } else {
    set req.grace = 365d;
  }
  # Editors' commands and anything signed in are never cached; the built-in rules do the rest
  # (only GET and HEAD, nothing with a Cookie).
  if (req.http.Authorization) {
    return (pass);
  }
}

sub vcl_hash {
  # One site: the same path is the same resource whatever Host the client used.
  hash_data(req.url);
  return (lookup);
}

sub vcl_hit {
  if (obj.ttl >= 0s) {
    return (deliver);
  }
  # Past s-maxage, within stale-while-revalidate: this answer, and a refresh in the background.
  if (obj.ttl + std.duration(obj.http.x-edge-swr + "s", 0s) >= 0s) {
    return (deliver);
  }
  # Beyond that only an origin outage is bridged (stale-if-error, the object's grace): one the
  # probe has seen, or the refetch that just failed.
  if (req.http.x-edge-stale-ok || !std.healthy(req.backend_hint)) {
    return (deliver);
  }
  set req.http.x-edge-refresh = "1";
  return (restart);
}

sub vcl_backend_fetch {
  var.set_real("fetch-at", std.time2real(now, 0.0));
  # Asks the origin for the answer's surrogate keys: it states them only to a surrogate that
  # says it indexes them (platform/http/surrogate-keys.ts), so a client never sees them.
  set bereq.http.Surrogate-Capability = "vod-edge=" + {""xkey/1""};
  # A composition the gateway kept in its own memory may predate the purge that sent us here:
  # ask it to revalidate its parts rather than answer from memory.
  if (bereq.backend == gateway) {
    set bereq.http.Cache-Control = "no-cache";
  }
}

sub vcl_backend_response {
  # A refetch of an expired answer that fails is dropped, so the stale copy survives for the
  # client's retry (see vcl_synth); an error kept as an object would replace it.
  if (beresp.status >= 500 && bereq.http.x-edge-refresh) {
    return (abandon);
  }
  # An answer whose fetch began before a (hard) purge may have been made from what that purge was for
  # (the purge dropped the cached answers, not this one in flight), and would then be kept
  # stale for its whole s-maxage: it is handed to the clients waiting for it and not kept, so
  # the next request fetches it again. Which keys a purge named is not known here, so this
  # holds for every fetch a purge overlapped: a few more misses, never a stale answer kept.
  if (std.real(var.global_get("edge-purged-at"), 0.0) >= var.get_real("fetch-at")) {
    std.log("edge: a purge overlapped this fetch; not kept");
    set beresp.ttl = 0s;
    set beresp.grace = 0s;
    set beresp.uncacheable = true;
    return (deliver);
  }
  # Only an answer that names its keys can be purged, so only such answers are kept: a 200, or a
  # 404 naming the keys whose purge ends it (the event that creates the resource purges one), so
  # that reads of what is not there yet (an app asking early, a crawler) do not all reach the origin.
  if (!beresp.http.xkey || (beresp.status != 200 && beresp.status != 404)) {
    set beresp.ttl = 0s;
    set beresp.uncacheable = true;
    return (deliver);
  }
  # The TTL is the answer's s-maxage (Varnish reads it). Grace is its stale-if-error, used
  # only while the origin's probe says it is sick; stale-while-revalidate is kept apart.
  set beresp.grace = 0s;
  if (beresp.http.Cache-Control ~ "stale-if-error=\d+") {
    set beresp.grace = std.duration(regsub(beresp.http.Cache-Control, "^.*stale-if-error=(\d+).*$", "\1") + "s", 0s);
  }
  set beresp.http.x-edge-swr = "0";
  if (beresp.http.Cache-Control ~ "stale-while-revalidate=\d+") {
    set beresp.http.x-edge-swr = regsub(beresp.http.Cache-Control, "^.*stale-while-revalidate=(\d+).*$", "\1");
  }
}

sub vcl_backend_error {
  if (bereq.http.x-edge-refresh) {
    return (abandon);
  }
}

sub vcl_deliver {
  # Internal to the edge: no client sees the keys or our bookkeeping.
  unset resp.http.xkey;
  unset resp.http.x-edge-swr;
  if (obj.hits > 0) {
    set resp.http.X-Cache = "HIT";
  } else {
    set resp.http.X-Cache = "MISS";
  }
}

sub vcl_synth {
  # The refetch of an expired answer failed: look up once more, taking the stale copy if its
  # stale-if-error allows one (else the error stands).
  if (resp.status == 503 && req.http.x-edge-refresh && !req.http.x-edge-stale-ok) {
    set req.http.x-edge-stale-ok = "1";
    return (restart);
  }
  unset resp.http.xkey;
  if (req.method == "PURGE" && resp.status == 200) {
    set resp.http.xkey-purged = req.http.xkey-purged;
  }
}
