#!/usr/bin/env python3
"""Splits a `perf script` of the service under load into the components of a request (see load/profile.sh).

Each sample of the service's process is given to one component: the one named by the innermost (leaf-most) frame of
its stack that belongs to a component. A sample whose leaf is in the runtime's native code (allocation, casts, stubs)
or the kernel (socket calls) therefore counts for the managed code that called it, which is what that code costs.
Samples on the collector's threads are the collector's; on the JIT's threads, the JIT's.

Usage: profile-components.py PERF_SCRIPT_TEXT SERVICE_PID SAMPLE_HZ SECONDS_RECORDED REQUESTS_PER_SECOND [--detail]
Prints a Markdown table: component, share of the service's CPU, microseconds of CPU per request; with --detail, the
innermost managed frames of each component.
"""
import re
import sys
from collections import Counter

THREAD_POOL = "thread pool (dispatch, wake-ups, spinning)"

# (component, pattern on a frame's "Namespace.Type::Method"). The innermost frame that matches any pattern decides; the
# order here is only the order of the table. Shared helpers (System.Text.Json, JsonText, JsonPath, the contract records)
# match nothing, so they count for whoever called them.
COMPONENTS = [
    ("Kestrel, sockets, pipes (HTTP/1.1 parse, send, receive, kernel)",
     r"^Microsoft\.AspNetCore\.Server\.Kestrel|^System\.IO\.Pipelines|^System\.Net\.Sockets"),
    ("hosting (HttpContext, activity, diagnostics)", r"^Microsoft\.AspNetCore\.Hosting\."),
    ("host filtering", r"^Microsoft\.AspNetCore\.HostFiltering"),
    ("request logging, on the request's thread (Serilog middleware, scopes, enqueue)", r"^Serilog\."),
    ("security headers", r"^RefineService\.Api\.(Infrastructure|Security)\.SecurityHeaders"),
    ("exception handler, status code pages", r"^Microsoft\.AspNetCore\.Diagnostics\.(ExceptionHandler|StatusCodePages)"),
    ("OpenAPI (Swagger, Swagger UI middleware)", r"^Swashbuckle\."),
    ("routing (matching the endpoint)", r"^Microsoft\.AspNetCore\.Routing\.(EndpointRoutingMiddleware|Matching|Tree|Patterns)"),
    ("authentication", r"^Microsoft\.AspNetCore\.Authentication|^RefineService\.Api\.(Infrastructure|Security)\.ApiKey"),
    ("rate limiter", r"^Microsoft\.AspNetCore\.RateLimiting|^System\.Threading\.RateLimiting|^RefineService\.Api\.(Infrastructure|Security)\.(ClientRateLimiting|TokenBucket)"),
    ("authorization", r"^Microsoft\.AspNetCore\.Authorization"),
    ("request timeouts", r"^Microsoft\.AspNetCore\.Http\.Timeouts"),
    ("JSON body middleware: read and copy", r"^RefineService\.Api\.(Infrastructure|Json)\.JsonBodyMiddleware"),
    ("JSON body middleware: JsonBodyScan", r"^RefineService\.Api\.Validation\.JsonBodyScan"),
    ("endpoint plumbing (EndpointMiddleware, RequestDelegateFactory, filter pipeline)",
     r"^Microsoft\.AspNetCore\.Routing\.EndpointMiddleware|RequestDelegateFactory|^dynamicClass::lambda_method|EndpointFilter"),
    ("deserialize (ReadFromJsonAsync, the policy model read in the same pass)", r"HttpRequestJsonExtensions|^RefineService\.Core\.Policies\.PolicyDocumentReader|^RefineService\.Api\.Contracts\.\w+Converter"),
    ("validation endpoint filter", r"^RefineService\.Api\.Validation\.ValidationFilter"),
    ("validate (FluentValidation, the validators)",
     r"^FluentValidation|^RefineService\.Api\.Validation\.(PolicyDocumentValidator|RecommendationRequestValidator|UnusedPermissionValidator|ExaminedActions|IamSyntax|ExpandActionsRequestValidator)"),
    ("handler: inputs, document to JsonObject",
     r"^RefineService\.Api\.Endpoints\.(RecommendationInputs|RecommendationsApi|UnusedActionsInput|PolicyToRefine)|^RefineService\.Api\.Contracts\.PolicyDocumentText"),
    ("handler: engine (unused set, refine)", r"^RefineService\.Core\.(Refinement|Catalog)"),
    ("handler: unified diff", r"^RefineService\.Core\.Diff"),
    ("handler: answer contract (results, summary, steps)", r"^RefineService\.Api\.Endpoints\.RecommendationResults"),
    ("health check endpoint (TARGET=/health/live)",
     r"^Microsoft\.(AspNetCore|Extensions)\.Diagnostics\.HealthChecks|^RefineService\.Api\.(Infrastructure|Health)\.HealthEndpoints"),
    ("serialize (result execution, JSON writer)", r"^Microsoft\.AspNetCore\.Http\.HttpResults\.|HttpResultsHelper|HttpResponseJsonExtensions"),
    (THREAD_POOL, r"^System\.Threading\.(PortableThreadPool|ThreadPoolWorkQueue|LowLevel|ThreadPool\b)"),
]

# Whole threads, decided before any frame: the collector's, the JIT's, and the logger's console writer (a long-running
# task pumping Serilog's queue).
WRITER = "request logging, console writer thread (format, write)"
GC = "GC (the collector's threads)"
JIT = "JIT (tiered compilation)"
TIMERS = "timer thread"
UNKNOWN = "other (runtime or kernel only, no managed frame)"

SOCKET_CALL = re.compile(r"^\[libc[^\]]*\] (__send|__libc_recv|__libc_sendmsg|__libc_recvmsg|sendmsg|recvmsg|epoll_wait|__GI_epoll_wait|__libc_writev|writev)")
FUTEX = re.compile(r"^\[libc[^\]]*\] (__futex|futex|pthread_cond|__GI___lll_lock|__pthread_mutex|__GI___pthread)")
HEADER = re.compile(r"^(?P<comm>.*?)\s+(?P<pid>\d+)/(?P<tid>\d+)\s+(?P<period>\d+)\s*$")
# A frame line: address, symbol, (dso).
FRAME = re.compile(r"^[0-9a-f]+\s+(?P<sym>.*?)\s+\((?P<dso>[^()]*)\)$")


def method_name(frame):
    """'Namespace.Type::Method' of a perf-map frame (return and parameter types dropped), else '[dso]'."""
    match = FRAME.match(frame)
    if not match:
        return frame
    sym, dso = match["sym"], match["dso"]
    cut = sym.find("::")
    if cut < 0:
        return "[%s] %s" % (dso.rsplit("/", 1)[-1], sym)
    head = sym[:cut]
    paren = sym.find("(", cut)
    method = sym[cut + 2:paren if paren >= 0 else len(sym)]
    space = head.rfind("] ")
    declaring = head[space + 2:] if space >= 0 else head.split()[-1]
    return declaring + "::" + method


def samples(path):
    """Yields (comm, pid, method names leaf first) for every sample of a `perf script -F comm,pid,tid,period,ip,sym,dso`."""
    comm = pid = None
    frames = []
    with open(path, encoding="utf-8", errors="replace") as text:
        for line in text:
            line = line.rstrip("\n")
            if not line.strip():
                if comm is not None:
                    yield comm, pid, frames
                comm, frames = None, []
                continue
            if not line[0].isspace():
                match = HEADER.match(line)
                if match:
                    comm, pid, frames = match["comm"], int(match["pid"]), []
                continue
            frames.append(method_name(line.strip()))
    if comm is not None:
        yield comm, pid, frames


def classify(comm, frames, compiled):
    """The component a sample counts for, and the frame that decided it."""
    if comm.startswith((".NET Server GC", ".NET BGC", ".NET GC")):
        return GC, comm
    if comm.startswith(".NET Tiered") or any("libclrjit.so" in f for f in frames):
        return JIT, comm
    if any(f.endswith("BackgroundWorkerSink::Pump") for f in frames):
        return WRITER, frames[0] if frames else comm
    for frame in frames:  # leaf first
        for name, pattern in compiled:
            if pattern.search(frame):
                return name, frame
    # libc has no frame pointers, so a stack that enters the kernel through it ends there: a socket call is Kestrel's
    # (the socket engine and the send loop are its), a futex is a thread being woken or put to sleep.
    if any(SOCKET_CALL.search(f) for f in frames):
        return COMPONENTS[0][0], frames[0]
    if any(FUTEX.search(f) for f in frames):
        return THREAD_POOL, frames[0]
    if comm.startswith(".NET Timer"):
        return TIMERS, comm
    return UNKNOWN, frames[0] if frames else comm


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    path, service_pid, hz, seconds, rps = args[0], int(args[1]), float(args[2]), float(args[3]), float(args[4])
    detail = "--detail" in sys.argv
    compiled = [(name, re.compile(pattern)) for name, pattern in COMPONENTS]
    counts = Counter()
    leaves = {}
    by_process = Counter()
    total = 0
    runtime_leaf = 0
    for comm, pid, frames in samples(path):
        if pid != service_pid:
            by_process["wrk" if comm.startswith("wrk") else "other processes"] += 1
            continue
        total += 1
        by_process["the service"] += 1
        component, _ = classify(comm, frames, compiled)
        counts[component] += 1
        if component not in (GC, JIT) and frames and "libcoreclr.so" in frames[0]:
            runtime_leaf += 1
        if detail:
            # The innermost managed frame: where in the component the time went.
            managed = next((f for f in frames if "::" in f and not f.startswith("[")), frames[0] if frames else comm)
            leaves.setdefault(component, Counter())[managed] += 1

    if total == 0:
        sys.exit("no sample of process %d in %s" % (service_pid, path))
    cpu_seconds = total / hz
    us_per_request = cpu_seconds / (rps * seconds) * 1e6 if rps > 0 else 0.0
    machine = sum(by_process.values())
    print("samples: %d of the service (%.2f s of CPU in %g s at %g Hz, %.2f cores); all samples: %s" % (
        total, cpu_seconds, seconds, hz, cpu_seconds / seconds, ", ".join("%s %.1f %%" % (k, 100.0 * v / machine) for k, v in by_process.most_common())))
    print("service CPU per request: %.1f us (at %.0f requests/s)" % (us_per_request, rps))
    print("in the runtime's native code on the request path (allocation, casts, stubs; counted in the rows below): %.1f %%"
          % (100.0 * runtime_leaf / total))
    print()
    print("| component | share of the service's CPU | µs per request |")
    print("| --- | ---: | ---: |")
    order = [name for name, _ in COMPONENTS] + [WRITER, GC, JIT, TIMERS, UNKNOWN]
    for name in dict.fromkeys(order):
        if counts[name] == 0:
            continue
        share = counts[name] / total
        print("| %s | %.1f %% | %.1f |" % (name, 100 * share, share * us_per_request))
    if detail:
        for name in dict.fromkeys(order):
            if counts[name] == 0:
                continue
            print()
            print("%s: innermost managed frames" % name)
            for frame, n in leaves[name].most_common(8):
                print("  %5.1f %%  %s" % (100.0 * n / total, frame))


if __name__ == "__main__":
    main()
