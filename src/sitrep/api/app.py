"""The HTTP API and the dashboard it serves: one FastAPI app over one store file.

Reads go through read-only SQLite connections (one per worker thread), so no GET can change the store
whatever it is sent. Writes (POST /api/articles) need an API key (`sitrep keys`), code through
`sitrep.coder.code_many` and store through `Store.add`, like `sitrep ingest`. Every response carries a
Content-Security-Policy that lets the dashboard load and fetch from this server only.
"""
from __future__ import annotations

import json
import sqlite3
import threading
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Literal, Optional

from fastapi import Depends, FastAPI, Header, HTTPException, Path as PathParam, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, model_validator

from sitrep import __version__
from sitrep.store import Store

from . import queries
from .keys import KeyRing
from .ratelimit import WRITE_BURST, WRITES_PER_MINUTE, RateLimiter
from .queries import EventFilter, QueryError

MAX_BODY_BYTES = 6 * 1024 * 1024  # an article may be 5 MB (the readers' limit) plus its JSON envelope
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
       " font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def web_dir() -> Path:
    """The packaged dashboard: HTML, scripts, styles and the Natural Earth basemap."""
    return Path(str(resources.files("sitrep") / "web" / "static"))


class ArticleIn(BaseModel):
    """An article to code: plain text or HTML, with what is known about it."""

    model_config = ConfigDict(extra="forbid")
    text: Optional[str] = Field(None, description="The article as plain text")
    html: Optional[str] = Field(None, description="The article as an HTML page")
    id: Optional[str] = Field(None, max_length=200)
    title: Optional[str] = Field(None, max_length=2000)
    published: Optional[str] = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")
    url: Optional[str] = Field(None, max_length=4000)
    outlet: Optional[str] = Field(None, max_length=500)

    @model_validator(mode="after")
    def _one_body(self) -> "ArticleIn":
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of text or html")
        return self


class BodyLimit:
    """ASGI middleware: refuse a request body over `max_bytes` with 413, declared or streamed."""

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    return await self._refuse(send, 400, "bad Content-Length")
                if declared > self.max_bytes:
                    return await self._refuse(send, 413, f"request body over {self.max_bytes} bytes")
        declared = any(name == b"content-length" for name, _ in scope.get("headers", []))
        if not declared and scope.get("method") in ("POST", "PUT", "PATCH"):
            # Streamed (chunked) without a declared length: read it here, up to the limit, and replay it,
            # so that crossing the limit is a 413 and never an error inside the app's own body reader.
            chunks, seen = [], 0
            while True:
                message = await receive()
                if message["type"] != "http.request":
                    return  # the client went away
                chunks.append(message.get("body", b""))
                seen += len(chunks[-1])
                if seen > self.max_bytes:
                    return await self._refuse(send, 413, f"request body over {self.max_bytes} bytes")
                if not message.get("more_body"):
                    break
            body = b"".join(chunks)
            replayed = False

            async def replay():
                nonlocal replayed
                if not replayed:
                    replayed = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()

            return await self.app(scope, replay, send)
        return await self.app(scope, receive, send)

    @staticmethod
    async def _refuse(send, status: int, message: str) -> None:
        body = json.dumps({"error": message}).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """ASGI middleware: the same protective headers on every response (a plain ASGI wrapper, cheaper
    than a per-request middleware function on the API's hot path)."""

    HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
               (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = dict(message, headers=list(message.get("headers", [])) + self.HEADERS)
            await send(message)

        return await self.app(scope, receive, send_with_headers)


class _Readers(threading.local):
    conn = None


def create_app(db_path: str, max_body: int = MAX_BODY_BYTES, cors_origins: tuple[str, ...] = (),
               writes_per_minute: Optional[float] = None, write_burst: Optional[int] = None) -> FastAPI:
    """The app over one store file (created if missing). `cors_origins`: none unless the user says so.
    Coding and writing are rate-limited per API key (per client address where no key is needed); the
    limits default to $SITREP_API_WRITES_PER_MINUTE and $SITREP_API_WRITE_BURST, else 60 and 20."""
    import os

    if writes_per_minute is None:
        writes_per_minute = float(os.environ.get("SITREP_API_WRITES_PER_MINUTE", WRITES_PER_MINUTE))
    if write_burst is None:
        write_burst = int(os.environ.get("SITREP_API_WRITE_BURST", WRITE_BURST))
    limiter = RateLimiter(writes_per_minute, write_burst)

    def limit(caller: str) -> None:
        wait = limiter.take(caller)
        if wait:
            raise HTTPException(429, f"too many requests: at most {write_burst} at once, then "
                                     f"{writes_per_minute:g} a minute", headers={"Retry-After": limiter.retry_after(wait)})

    Store(db_path).close()  # creates the file, or brings its schema up to date
    KeyRing(db_path).close()  # the keys table exists before any read-only connection looks for it
    queries.ensure_serving_indexes(db_path)
    # An open connection keeps the WAL's side files in place, which read-only connections need.
    keeper = sqlite3.connect(db_path, check_same_thread=False)
    keeper.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    write_lock = threading.Lock()
    readers = _Readers()
    all_readers: list = []

    def reader():
        if readers.conn is None:
            readers.conn = queries.connect_readonly(db_path)
            all_readers.append(readers.conn)
        return readers.conn

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        keeper.close()
        for conn in all_readers:
            try:
                conn.close()
            except Exception:  # a reader still in use by a finishing thread
                pass

    app = FastAPI(lifespan=lifespan, title="sitrep", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json",
                  description="Structured, sourced event data from news: events, articles, statistics and "
                              "the actor network of one sitrep store. Writes need an API key (`sitrep keys`).")
    app.state.db_path = db_path

    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "X-API-Key", "Content-Type"])
    app.add_middleware(BodyLimit, max_bytes=max_body)
    app.add_middleware(SecurityHeaders)

    @app.exception_handler(QueryError)
    async def _bad_query(request: Request, error: QueryError):
        return JSONResponse({"error": str(error)}, status_code=400)

    @app.exception_handler(sqlite3.OperationalError)
    async def _store_error(request: Request, error: sqlite3.OperationalError):
        if "fts5" in str(error):  # a search FTS5 will not take: the caller's words, not our fault
            return JSONResponse({"error": f"search not understood: {error}"}, status_code=400)
        if "locked" in str(error) or "busy" in str(error):
            return JSONResponse({"error": "the store is busy; try again"}, status_code=503, headers={"Retry-After": "1"})
        raise error

    def event_filter(
        country: Optional[str] = Query(None, max_length=3, description="ISO 3166-1 alpha-3 of where it happened"),
        admin1: Optional[str] = Query(None, max_length=200, description="First-level division"),
        type: Optional[str] = Query(None, max_length=20, description="PLOVER type, e.g. ASSAULT"),
        acled_type: Optional[str] = Query(None, max_length=100, description="ACLED event or sub-event type"),
        since: Optional[str] = Query(None, pattern=_DATE, description="YYYY, YYYY-MM or YYYY-MM-DD"),
        until: Optional[str] = Query(None, pattern=_DATE, description="YYYY, YYYY-MM or YYYY-MM-DD"),
        actor: Optional[str] = Query(None, max_length=200, description="Part of an actor's name"),
        text: Optional[str] = Query(None, max_length=500, description="Full-text search in the articles"),
        min_fatalities: Optional[int] = Query(None, ge=0, le=10_000_000),
        near: Optional[str] = Query(None, max_length=60, description="LAT,LON,KM"),
    ) -> EventFilter:
        where = None
        if near:
            try:
                lat, lon, km = (float(x) for x in near.split(","))
            except ValueError:
                raise QueryError("near must be LAT,LON,KM") from None
            where = (lat, lon, km)
        return EventFilter(country=country, admin1=admin1, type=type, acled_type=acled_type, since=since,
                           until=until, actor=actor, text=text, min_fatalities=min_fatalities, near=where)

    def api_key(authorization: Optional[str] = Header(None), x_api_key: Optional[str] = Header(None)) -> str:
        key = x_api_key
        if authorization and authorization.lower().startswith("bearer "):
            key = authorization[7:].strip()
        with KeyRing(db_path) as ring:
            name = ring.check(key)
        if name is None:
            raise HTTPException(401, "a valid API key is needed (header 'Authorization: Bearer KEY'); "
                                     "make one with 'sitrep keys create NAME'",
                                headers={"WWW-Authenticate": "Bearer"})
        return name

    # -- dashboard and docs ----------------------------------------------------------------------------

    static = web_dir()

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(static / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(static / "docs.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    # -- reading ---------------------------------------------------------------------------------------

    @app.get("/api/health", tags=["meta"])
    def health() -> dict:
        """Liveness: answers without touching the store."""
        return {"status": "ok", "version": __version__}

    @app.get("/api/events", tags=["events"], response_class=Response,
             responses={200: {"content": {"application/json": {}, "application/geo+json": {}}}})
    def events(flt: EventFilter = Depends(event_filter),
               limit: int = Query(100, ge=1, le=queries.MAX_PAGE),
               cursor: Optional[str] = Query(None, max_length=400, description="`next` of the previous page"),
               format: Literal["json", "geojson"] = "json") -> Response:
        """Events matching every filter, newest first (undated last), one page at a time.

        JSON: `{"events": [...contract events with their article...], "next": cursor|null}`.
        GeoJSON (`format=geojson`): the same page as a FeatureCollection of the located events, each
        feature's properties the whole event, with `next` beside `features`."""
        page, next_cursor = queries.event_page(reader(), flt, limit=limit, cursor=cursor)
        if format == "geojson":
            return Response(json.dumps(queries.events_geojson(page, next_cursor), ensure_ascii=False),
                            media_type="application/geo+json")
        body = '{"events":[' + ",".join(page) + '],"next":' + json.dumps(next_cursor) + "}"
        return Response(body.encode("utf-8", "surrogatepass"), media_type="application/json")

    @app.get("/api/points", tags=["events"])
    def points(flt: EventFilter = Depends(event_filter), limit: int = Query(5000, ge=1, le=50_000)) -> dict:
        """What the dashboard's map draws: the located events, slim."""
        return {"points": queries.event_points(reader(), flt, limit=limit)}

    @app.get("/api/events/{event_id}", tags=["events"])
    def event(event_id: str = PathParam(..., max_length=200)) -> dict:
        """One event with every article that reports it, its evidence, and what each source says of
        each field (`fields`: value -> the articles that give it; `agreed`: fields all sources share)."""
        found = queries.event_sources(reader(), event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return found

    @app.get("/api/articles", tags=["articles"])
    def articles(q: Optional[str] = Query(None, max_length=500, description="Full-text search"),
                 limit: int = Query(50, ge=1, le=queries.MAX_PAGE), offset: int = Query(0, ge=0, le=100_000)) -> dict:
        """Stored articles: the best matches of `q` with a snippet (hits marked as parts, not markup),
        else the newest."""
        return {"articles": queries.article_list(reader(), q, limit=limit, offset=offset)}

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def article(article_id: str = PathParam(..., max_length=200)) -> Response:
        """One stored article as coded (the contract): body, captions, places, events and quotes with
        the spans they were read from."""
        row = reader().execute("SELECT coded FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return Response(row[0].encode("utf-8", "surrogatepass"), media_type="application/json")

    @app.get("/api/stats", tags=["statistics"])
    def stats(flt: EventFilter = Depends(event_filter)) -> dict:
        """Counts by type and country, a daily timeline of events and deaths (incident tolls only;
        running tolls are never summed), and totals, for the filtered events."""
        out = queries.stats(reader(), flt)
        out["store"] = dict(zip(("articles", "events"), reader().execute(
            "SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM events)").fetchone()))
        return out

    @app.get("/api/network", tags=["statistics"])
    def network(flt: EventFilter = Depends(event_filter), top: int = Query(150, ge=1, le=2000)) -> dict:
        """The actor network: who acts on whom, with cooperation and conflict edges weighted by events."""
        return queries.network(reader(), flt, top=top)

    @app.get("/api/actors", tags=["statistics"])
    def actor_list(flt: EventFilter = Depends(event_filter), top: int = Query(20, ge=1, le=500)) -> dict:
        """The most active actors of the filtered events."""
        return {"actors": queries.actors(reader(), flt, top=top)}

    # -- coding and writing ----------------------------------------------------------------------------

    code_lock = threading.Lock()

    def code_one(body: ArticleIn):
        from sitrep.article import Article
        from sitrep.coder import code_many
        from sitrep.records import FailedArticle

        article = Article(text=body.text, html=body.html, id=body.id, title=body.title, published=body.published,
                          url=body.url, outlet=body.outlet, source="api")
        article.ensure_id()
        with code_lock:  # one spaCy pipeline, used by one request at a time
            result = next(code_many([article], published=body.published))
        if isinstance(result, FailedArticle):
            raise HTTPException(422, result.error)
        return article, result

    @app.post("/api/code", tags=["coding"])
    def code(body: ArticleIn, request: Request) -> Response:
        """Code an article and return it coded (the contract), storing nothing."""
        limit("address:" + (request.client.host if request.client else "unknown"))
        _, result = code_one(body)
        return Response(result.model_dump_json(), media_type="application/json")

    @app.post("/api/articles", tags=["coding"], status_code=201)
    def add_article(body: ArticleIn, response: Response, key_name: str = Depends(api_key)) -> dict:
        """Code an article and keep it in the store (needs an API key). The same article again adds
        nothing and answers 200 with `stored: false`; so does a copy of a stored story, with `copy_of`."""
        from sitrep.ingest.duplicates import Duplicate
        from sitrep.ingest.into_store import keep, store_index

        limit("key:" + key_name)
        article, result = code_one(body)
        with write_lock, Store(db_path) as store:  # a connection of this thread's own
            # checked against the near-copy index and entered in it, in one transaction, like `sitrep ingest`
            kept = keep(store, result, article.content_hash, f"api:{key_name}", store_index(store))
        out = {"stored": kept is True, "article": result.article.id, "events": len(result.events),
               "coded": json.loads(result.model_dump_json())}
        if isinstance(kept, Duplicate):
            out["copy_of"] = kept.first_id
        if kept is not True:
            response.status_code = 200
        return out

    return app


def app_from_env() -> FastAPI:
    """Factory for several uvicorn worker processes (`sitrep serve --workers N`): each worker builds
    the same app from the settings `serve` put in the environment."""
    import os

    origins = tuple(o for o in os.environ.get("SITREP_API_CORS", "").split("\n") if o)
    return create_app(os.environ["SITREP_API_DB"], max_body=int(os.environ.get("SITREP_API_MAX_BODY", MAX_BODY_BYTES)),
                      cors_origins=origins)
