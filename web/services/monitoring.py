"""The programme dashboard: what the centre's help achieved, in figures.

Every figure is an SQL aggregate over the filtered scope (period, field,
consultant, regency, sector, commodity), so that the dashboard answers quickly
on a whole province. ``figures`` returns the indicators the ministry reports
PLUT programmes by, then the tables behind the charts; the quarterly report
(``services.report``) prints exactly these, so the two always agree.

Definitions (shown beside each figure):

- *assisted MSME* in the period: an MSME of the scope with a step of one of its
  introductions in the period (of the field's offerings, proposed by the
  consultant, when filtered) or a milestone running in the period (of the
  field, of the consultant); *new* when it had no such activity before;
- class-ups, certifications, NIBs and first credit are counted for assisted
  MSMEs, on their effective date in the period (``services.growth``).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import statistics
import uuid
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    Integer,
    and_,
    case,
    column,
    exists,
    func,
    literal,
    or_,
    select,
    table,
    text,
    union,
)

from ..extensions import db
from ..models import (
    GrowthEvent,
    Introduction,
    IntroductionEvent,
    Milestone,
    Msme,
    MsmeProgress,
    Need,
    Offering,
    ProfileHistory,
    Rating,
)
from .growth import in_effect_on
from .queries import commodity_match

QUARTER_RE = re.compile(r"^(\d{4})-Q([1-4])$")
FUNNEL = ("proposed", "accepted", "met", "agreement")
RESPONSE_BUCKETS = ((2, "≤ 2"), (7, "2–7"), (14, "7–14"), (None, "> 14"))
SATISFIED = 4  # a rating of 4 or 5 counts as satisfied


class BadPeriod(ValueError):
    """A period that cannot be read."""


def parse_quarter(text: str) -> tuple[dt.date, dt.date]:
    """``2026-Q3`` -> (2026-07-01, 2026-09-30)."""
    found = QUARTER_RE.match((text or "").strip())
    if not found:
        raise BadPeriod(f"{text!r} is not a quarter like 2026-Q3")
    year, quarter = int(found.group(1)), int(found.group(2))
    start = dt.date(year, 3 * quarter - 2, 1)
    end_month = 3 * quarter
    end = (
        dt.date(year, 12, 31)
        if end_month == 12
        else dt.date(year, end_month + 1, 1) - dt.timedelta(days=1)
    )
    return start, end


def quarter_of(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


@dataclass
class Filters:
    start: dt.date
    end: dt.date  # inclusive
    field: str | None = None
    consultant_id: int | None = None
    regency: str | None = None
    sector: str | None = None
    commodity: str | None = None

    @property
    def since(self) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time(), dt.UTC)

    @property
    def until(self) -> dt.datetime:  # exclusive
        return dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time(), dt.UTC)

    @property
    def msme_filtered(self) -> bool:
        return bool(self.regency or self.sector or self.commodity)


@dataclass
class Indicator:
    key: str
    label: Any
    value: float | None
    unit: str  # "%" or "msme"
    base: int  # how many MSMEs (or ratings) the figure is computed over
    definition: Any


@dataclass
class Table:
    key: str
    title: Any
    columns: list[Any]
    rows: list[tuple]  # (label, value, ...); the chart draws the second column
    definition: Any
    money: bool = False  # the charted column is Rupiah

    @property
    def total(self) -> float:
        return sum(r[1] or 0 for r in self.rows)

    def value(self, label: Any) -> Any:
        return next((r[1] for r in self.rows if str(r[0]) == str(label)), None)


@dataclass
class Figures:
    filters: Filters
    indicators: list[Indicator] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    def indicator(self, key: str) -> Indicator:
        return next(i for i in self.indicators if i.key == key)

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)


# -- scope ---------------------------------------------------------------------------
def _msme_scope(f: Filters):
    """The MSME ids of the regency, sector and commodity filters (``None``: all)."""
    if not f.msme_filtered:
        return None
    query = select(Msme.id)
    if f.regency:
        query = query.where(Msme.regency == f.regency)
    if f.sector:
        query = query.where(Msme.sector == f.sector)
    if f.commodity:
        # the commodity the taxonomy knows by any way of writing it (else the text)
        query = query.where(
            commodity_match(Msme.commodities, Msme.commodity_keys, f.commodity, whole=True)
        )
    return query


def _in_scope(column, f: Filters):
    scope = getattr(f, "scope", None)
    if scope is not None:  # computed once by ``figures``
        return scope.has(column)
    query = _msme_scope(f)
    return literal(True) if query is None else column.in_(query)


def _intro_filters(f: Filters, scope: bool = True) -> list:
    conds = [_in_scope(Introduction.msme_id, f)] if scope else []
    if f.field:
        conds.append(
            Introduction.offering_id.in_(select(Offering.id).where(Offering.field == f.field))
        )
    if f.consultant_id:
        conds.append(Introduction.created_by_id == f.consultant_id)
    return conds


def _milestone_filters(f: Filters) -> list:
    conds = [_in_scope(Milestone.msme_id, f)]
    if f.field:
        conds.append(Milestone.field == f.field)
    if f.consultant_id:
        conds.append(Milestone.consultant_id == f.consultant_id)
    return conds


def _milestone_start():
    return func.coalesce(Milestone.start_date, Milestone.due_date)


def assisted_query(f: Filters):
    """Ids of the MSMEs assisted in the period (see the module's definitions)."""
    by_intro = select(IntroductionEvent.msme_id.label("msme_id")).where(
        IntroductionEvent.created_at >= f.since,
        IntroductionEvent.created_at < f.until,
        _in_scope(IntroductionEvent.msme_id, f),
    )
    if f.field or f.consultant_id:
        by_intro = by_intro.where(
            IntroductionEvent.introduction_id.in_(
                select(Introduction.id).where(*_intro_filters(f, scope=False))
            )
        )
    by_milestone = select(Milestone.msme_id.label("msme_id")).where(
        _milestone_start() <= f.end,
        Milestone.due_date >= f.start,
        Milestone.status != "cancelled",
        *_milestone_filters(f),
    )
    return union(by_intro, by_milestone).subquery("assisted")


class IdSet:
    """A set of MSME ids for the figures to test membership of. On PostgreSQL it is
    computed once into a temporary table (dropped at the end of the transaction)
    and analysed, so that every figure joins it by hash; a subquery repeated in
    every figure was recomputed each time and misjudged into nested loops."""

    _serial = itertools.count()

    def __init__(self, query, name: str, unique: bool = False) -> None:
        """``unique``: the query gives each id once already (a UNION)."""
        distinct = query if unique else query.distinct()
        dialect = db.session.get_bind().dialect
        if dialect.name == "postgresql":
            name = f"tmp_{name}_{next(self._serial)}_{uuid.uuid4().hex[:8]}"
            # created from the query (no index to keep while filling: the figures
            # join it by hash), then analysed for the planner
            compiled = distinct.compile(
                dialect=dialect, compile_kwargs={"render_postcompile": True}
            )
            db.session.connection().exec_driver_sql(
                f"CREATE TEMP TABLE {name} (msme_id) ON COMMIT DROP AS {compiled}", compiled.params
            )
            db.session.execute(text(f"ANALYZE {name}"))
            self.table = table(name, column("msme_id", Integer))
            self.query = select(self.table.c.msme_id)
            self.count = _count(self.query)  # each id once already
        else:
            self.query = query
            self.count = _count(distinct)

    def has(self, column_):
        return column_.in_(self.query)


def _count(query) -> int:
    return db.session.scalar(select(func.count()).select_from(query.subquery())) or 0


# -- figures -------------------------------------------------------------------------
def figures(f: Filters, today: dt.date | None = None) -> Figures:
    """Every figure of the dashboard for these filters."""
    if db.session.get_bind().dialect.name == "postgresql":
        # Short aggregates: compiling them to machine code costs more than it saves,
        # and their hash joins over a province's introductions fit in 64 MB, not in
        # the default 4 MB (they spilled to disk). Both only for this transaction.
        db.session.execute(text("SET LOCAL jit = off"))
        db.session.execute(text("SET LOCAL work_mem = '64MB'"))
    # The MSMEs of the regency, sector and commodity filters, once for every figure.
    f.scope = IdSet(_msme_scope(f), "scope") if f.msme_filtered else None
    try:
        return _figures(f, today or dt.date.today())
    finally:
        f.scope = None


def _figures(f: Filters, today: dt.date) -> Figures:
    assisted = assisted_query(f)
    ids = IdSet(select(assisted.c.msme_id), "assisted", unique=True)
    out = Figures(filters=f)

    n_assisted = ids.count
    progress = _progress(ids, f)
    if f.field or f.consultant_id:
        # new and partnered as seen through the filtered introductions
        n_new = _new_by_introductions(ids, f)
        growth_all, growth_partner = _turnover_growth(ids, f, _partnered(ids, f).has)
    else:  # every introduction counts: each MSME's progress says it
        n_new = progress["new"]
        growth_all, growth_partner = _turnover_growth(ids, f, None)
    ratings = _ratings(f)
    nib = _count(
        select(GrowthEvent.msme_id)
        .where(
            GrowthEvent.kind == "nib",
            GrowthEvent.effective_date.between(f.start, f.end),
            ids.has(GrowthEvent.msme_id),
        )
        .distinct()
    )
    firsts = progress
    credit = firsts["credit"]
    out.indicators = [
        Indicator(
            "turnover_growth",
            _l("Pertumbuhan omzet UMKM dampingan"),
            growth_all[0],
            "%",
            growth_all[1],
            _l(
                "(Σ omzet tahunan pada akhir periode − Σ omzet pada awal periode) ÷ Σ omzet "
                "pada awal periode × 100, atas UMKM dampingan yang omzetnya tercatat di "
                "riwayat profil pada kedua tanggal."
            ),
        ),
        Indicator(
            "turnover_growth_partnership",
            _l("Pertumbuhan omzet UMKM yang bermitra"),
            growth_partner[0],
            "%",
            growth_partner[1],
            _l(
                "Sama seperti di atas, hanya atas UMKM dampingan dengan perkenalan yang "
                "mencapai kesepakatan sampai akhir periode."
            ),
        ),
        Indicator(
            "satisfaction",
            _l("Tingkat kepuasan"),
            ratings[0],
            "%",
            ratings[1],
            _l(
                "Bagian penilaian UMKM (atas bantuan mitra dan pendampingan konsultan) "
                "bernilai 4 atau 5 dari 5, di antara penilaian yang diberikan dalam periode."
            ),
        ),
        Indicator(
            "formalisation",
            _l("Formalisasi: UMKM memperoleh NIB"),
            nib,
            "msme",
            n_assisted,
            _l("UMKM dampingan yang NIB-nya tercatat pertama kali dalam periode."),
        ),
        Indicator(
            "first_credit",
            _l("Akses kredit formal pertama"),
            credit,
            "msme",
            n_assisted,
            _l(
                "UMKM dampingan yang kesepakatan kredit (pinjaman) pertamanya tercapai "
                "dalam periode."
            ),
        ),
        Indicator(
            "assisted",
            _l("UMKM didampingi"),
            n_assisted,
            "msme",
            n_assisted,
            _l(
                "UMKM dengan langkah perkenalan atau tonggak yang berjalan dalam periode; "
                "'baru' bila sebelumnya belum pernah."
            ),
        ),
        Indicator(
            "assisted_new",
            _l("UMKM dampingan baru"),
            n_new,
            "msme",
            n_assisted,
            _l("UMKM dampingan tanpa perkenalan atau tonggak sebelum periode."),
        ),
    ]
    funnel, response_times = _introduction_tables(f)
    out.tables = [
        _needs(ids, f),
        funnel,
        _outcomes(f),
        _class_ups(ids, f, firsts),
        _certifications(ids, f),
        _milestones(f, today),
        response_times,
    ]
    return out


def _turnover_growth(ids, f: Filters, partnered) -> tuple[tuple[float | None, int], ...]:
    """Σ turnover in effect at the period's end against at its start (the day
    before it), over the MSMEs of ``ids`` known on both dates, and over those of
    them that reached an agreement by the period's end (``partnered(msme_id)``
    when filtered; else their progress says it): one pass over their history
    rows, no ordering."""
    turnover = ProfileHistory.annual_turnover_idr
    at_start = in_effect_on(f.start - dt.timedelta(days=1))
    at_end = in_effect_on(f.end)
    per_msme = (
        select(
            ProfileHistory.msme_id,
            func.max(case((at_start, turnover))).label("at_start"),
            func.max(case((at_end, turnover))).label("at_end"),
        )
        .where(
            ProfileHistory.effective_date <= f.end,
            # rows that ended before the period are in effect on neither date
            or_(ProfileHistory.valid_until.is_(None), ProfileHistory.valid_until >= f.start),
            ids.has(ProfileHistory.msme_id),
        )
        .group_by(ProfileHistory.msme_id)
        .subquery()
    )
    known = select(per_msme).where(per_msme.c.at_start > 0, per_msme.c.at_end.is_not(None))
    if partnered is None:
        known = known.outerjoin(MsmeProgress, MsmeProgress.msme_id == per_msme.c.msme_id)
        known = known.add_columns(
            and_(MsmeProgress.first_agreed_at < f.until).label("partnered")
        ).subquery()
        inside = known.c.partnered
    else:
        known = known.subquery()
        inside = partnered(known.c.msme_id)
    row = db.session.execute(
        select(
            func.count(),
            func.sum(known.c.at_start),
            func.sum(known.c.at_end),
            func.count().filter(inside),
            func.sum(known.c.at_start).filter(inside),
            func.sum(known.c.at_end).filter(inside),
        )
    ).one()

    def growth(n, start, end) -> tuple[float | None, int]:
        n, start, end = n or 0, int(start or 0), int(end or 0)
        if not n or not start:
            return None, n
        return round((end - start) / start * 100, 1), n

    return growth(*row[:3]), growth(*row[3:])


def _ratings(f: Filters) -> tuple[float | None, int]:
    query = select(func.count(), func.sum(case((Rating.score >= SATISFIED, 1), else_=0))).where(
        Rating.subject.in_(("partner", "consultant")),
        Rating.created_at >= f.since,
        Rating.created_at < f.until,
    )
    if f.msme_filtered or f.field or f.consultant_id:
        # a rating is of an introduction: the same filters
        query = query.join(Introduction, Introduction.id == Rating.introduction_id).where(
            *_intro_filters(f)
        )
    row = db.session.execute(query).one()
    n, good = row[0] or 0, int(row[1] or 0)
    return (round(good / n * 100, 1) if n else None), n


def _new_by_introductions(ids, f: Filters) -> int:
    """Assisted MSMEs without an introduction of the filters before the period,
    nor a milestone of the filters."""
    assisted = ids.query.subquery()
    return _count(
        select(assisted.c.msme_id).where(
            ~exists().where(
                Introduction.msme_id == assisted.c.msme_id,
                Introduction.created_at < f.since,
                *_intro_filters(f),
            ),
            ~_earlier_milestone(assisted.c.msme_id, f),
        )
    )


def _partnered(ids, f: Filters) -> IdSet:
    """Assisted MSMEs with an introduction of the filters agreed by the period's end."""
    return IdSet(
        select(Introduction.msme_id).where(
            ids.has(Introduction.msme_id),
            Introduction.agreed_at < f.until,
            *_intro_filters(f),
        ),
        "partnered",
    )


def _earlier_milestone(msme_id, f: Filters):
    return exists().where(
        Milestone.msme_id == msme_id,
        _milestone_start() < f.start,
        Milestone.status != "cancelled",
        *_milestone_filters(f),
    )


def _progress(ids, f: Filters) -> dict[str, int]:
    """From each assisted MSME's progress (``MsmeProgress``), in one pass: how many
    are new (no introduction step before the period, no milestone of the filters
    before it; meant for the unfiltered introductions), and how many reached their
    first agreement of each kind group (credit, financing, buyer) in the period."""
    assisted = ids.query.subquery()
    progress = MsmeProgress

    def in_period(column):
        return and_(column >= f.since, column < f.until)

    new = and_(
        or_(progress.first_step_at.is_(None), progress.first_step_at >= f.since),
        ~_earlier_milestone(assisted.c.msme_id, f),
    )
    row = db.session.execute(
        select(
            func.count().filter(new),
            func.count().filter(in_period(progress.first_credit_at)),
            func.count().filter(in_period(progress.first_financing_at)),
            func.count().filter(in_period(progress.first_buyer_at)),
        ).select_from(assisted.outerjoin(progress, progress.msme_id == assisted.c.msme_id))
    ).one()
    return dict(zip(("new", "credit", "financing", "buyer"), map(int, row), strict=True))


def _needs(ids, f: Filters) -> Table:
    pairs = select(Need.field, Need.msme_id).where(ids.has(Need.msme_id)).distinct()
    if f.field:
        pairs = pairs.where(Need.field == f.field)
    pairs = pairs.subquery()
    query = select(pairs.c.field, func.count()).group_by(pairs.c.field)
    counts = dict(db.session.execute(query).all())
    from matcher import codes

    from ..i18n import code_label

    rows = [(code_label(c, "field"), counts.get(c, 0)) for c in codes.FIELDS]
    return Table(
        "needs",
        _l("Kebutuhan UMKM dampingan per bidang"),
        [_l("Bidang"), _l("UMKM")],
        rows,
        _l("UMKM dampingan yang mencatat kebutuhan di bidang itu (satu UMKM dapat di beberapa)."),
    )


def agreed_in(f: Filters) -> list:
    """Conditions on the introductions that reached an agreement in the period, of
    the filters: the dashboard's outcomes and the outcomes list (``services.outcomes``)."""
    return [
        Introduction.agreed_at >= f.since,
        Introduction.agreed_at < f.until,
        *_intro_filters(f),
    ]


def _outcomes(f: Filters) -> Table:
    from ..i18n import outcome_label
    from .introductions import OUTCOME_KINDS
    from .outcomes import totals

    found = totals(f)
    rows = [
        (outcome_label(k), int(found.get(k, (0, 0))[1]), int(found.get(k, (0, 0))[0]))
        for k in OUTCOME_KINDS
    ]
    return Table(
        "outcomes",
        _l("Hasil kesepakatan menurut jenis (Rupiah)"),
        [_l("Jenis"), _l("Nilai (Rp)"), _l("Kesepakatan")],
        rows,
        _l("Nilai kesepakatan yang dicapai dalam periode, menurut jenisnya."),
        money=True,
    )


def _class_ups(ids, f: Filters, firsts: dict[str, int]) -> Table:
    counts = dict(
        db.session.execute(
            select(GrowthEvent.kind, func.count())
            .where(
                GrowthEvent.effective_date.between(f.start, f.end),
                ids.has(GrowthEvent.msme_id),
            )
            .group_by(GrowthEvent.kind)
        ).all()
    )
    rows = [
        (_l("Naik skala usaha"), counts.get("scale", 0)),
        (_l("Menjadi koperasi/CV/PT"), counts.get("legal_form", 0)),
        (_l("Sertifikat baru"), counts.get("certification", 0)),
        (_l("NIB diperoleh"), counts.get("nib", 0)),
        (_l("Pembiayaan pertama"), firsts["financing"]),
        (_l("Kontrak pembeli pertama"), firsts["buyer"]),
    ]
    return Table(
        "class_ups",
        _l("Peristiwa naik kelas"),
        [_l("Peristiwa"), _l("Jumlah")],
        rows,
        _l(
            "Perubahan di riwayat profil UMKM dampingan yang berlaku dalam periode: skala "
            "lebih besar, dari perorangan/kelompok ke badan usaha, sertifikat baru, NIB; dan "
            "kesepakatan pembiayaan atau pembeli yang pertama."
        ),
    )


def _certifications(ids, f: Filters) -> Table:
    counts = dict(
        db.session.execute(
            select(GrowthEvent.value, func.count())
            .where(
                GrowthEvent.kind == "certification",
                GrowthEvent.effective_date.between(f.start, f.end),
                ids.has(GrowthEvent.msme_id),
            )
            .group_by(GrowthEvent.value)
        ).all()
    )
    from matcher import codes

    from ..i18n import code_label

    rows = [(code_label(c, "certification"), counts.get(c, 0)) for c in codes.CERTIFICATIONS]
    return Table(
        "certifications",
        _l("Sertifikat yang diperoleh"),
        [_l("Sertifikat"), _l("UMKM")],
        rows,
        _l("Sertifikat baru di riwayat profil UMKM dampingan, berlaku dalam periode."),
    )


def _milestones(f: Filters, today: dt.date) -> Table:
    done = Milestone.status == "done"
    open_ = Milestone.status.in_(("planned", "in_progress"))
    kind = case(
        (and_(done, Milestone.completed_on <= Milestone.due_date), "on_time"),
        (done, "late"),
        (and_(open_, Milestone.due_date < today), "overdue"),
        else_="open",
    )
    counts = dict(
        db.session.execute(
            select(kind, func.count())
            .where(
                Milestone.due_date.between(f.start, f.end),
                Milestone.status != "cancelled",
                *_milestone_filters(f),
            )
            .group_by(kind)
        ).all()
    )
    rows = [
        (_l("Tercapai tepat waktu"), counts.get("on_time", 0)),
        (_l("Tercapai terlambat"), counts.get("late", 0)),
        (_l("Lewat tenggat, belum tercapai"), counts.get("overdue", 0)),
        (_l("Belum jatuh tempo"), counts.get("open", 0)),
    ]
    return Table(
        "milestones",
        _l("Tonggak: tepat waktu dan terlambat"),
        [_l("Keadaan"), _l("Tonggak")],
        rows,
        _l(
            "Tonggak bertenggat dalam periode (yang dibatalkan tidak dihitung): tercapai "
            "pada atau sebelum tenggat, sesudahnya, atau belum tercapai."
        ),
    )


def _days(later, earlier):
    if db.session.get_bind().dialect.name == "postgresql":
        return func.extract("epoch", later - earlier) / 86400.0
    return func.julianday(later) - func.julianday(earlier)


def _introduction_tables(f: Filters) -> tuple[Table, Table]:
    """The funnel and the partner response times of the introductions started in
    the period: one pass over them (their first steps are kept on each)."""
    from ..i18n import number, status_label

    per_intro = (
        select(
            Introduction.accepted_at.is_not(None).label("accepted"),
            Introduction.met_at.is_not(None).label("met"),
            Introduction.agreed_at.is_not(None).label("agreement"),
            Introduction.proposed_at.label("proposed"),
            Introduction.answered_at.label("answered"),
        )
        .where(
            Introduction.created_at >= f.since,
            Introduction.created_at < f.until,
            *_intro_filters(f),
        )
        .subquery()
    )
    answered = and_(per_intro.c.proposed.is_not(None), per_intro.c.answered.is_not(None))
    postgresql = db.session.get_bind().dialect.name == "postgresql"
    if postgresql:  # an interval, compared with intervals: no arithmetic per row
        wait = per_intro.c.answered - per_intro.c.proposed

        def limit(days):
            return dt.timedelta(days=days)
    else:
        wait = _days(per_intro.c.answered, per_intro.c.proposed)

        def limit(days):
            return days

    buckets, low = [], None
    for high, _ in RESPONSE_BUCKETS:
        cond = [answered]
        if low is not None:
            cond.append(wait > limit(low))
        if high is not None:
            cond.append(wait <= limit(high))
        buckets.append(func.count().filter(and_(*cond)))
        low = high
    waiting = func.count().filter(
        and_(per_intro.c.proposed.is_not(None), per_intro.c.answered.is_(None))
    )
    median = (
        func.percentile_cont(0.5).within_group(wait).filter(answered)
        if postgresql
        else literal(None)
    )
    row = db.session.execute(
        select(
            func.count(),
            func.count().filter(per_intro.c.accepted),
            func.count().filter(per_intro.c.met),
            func.count().filter(per_intro.c.agreement),
            *buckets,
            waiting,
            median,
        )
    ).one()
    row = [int(v or 0) for v in row[:-1]] + [row[-1]]
    if postgresql and row[-1] is not None:
        row[-1] = row[-1].total_seconds() / 86400
    if not postgresql:  # no percentile function: the (few) durations in Python
        durations = [float(d) for (d,) in db.session.execute(select(wait).where(answered))]
        row[-1] = statistics.median(durations) if durations else None
    funnel = Table(
        "funnel",
        _l("Corong perkenalan"),
        [_l("Tahap"), _l("Perkenalan")],
        [(status_label(s), n) for s, n in zip(FUNNEL, row[:4], strict=True)],
        _l(
            "Perkenalan yang dimulai dalam periode, dan berapa di antaranya yang sudah "
            "diterima mitra, bertemu, dan mencapai kesepakatan."
        ),
    )
    counts = row[4 : 4 + len(RESPONSE_BUCKETS)]
    rows = [
        (_l("%(days)s hari", days=label), n)
        for (_, label), n in zip(RESPONSE_BUCKETS, counts, strict=True)
    ]
    rows.append((_l("Belum dijawab"), row[4 + len(RESPONSE_BUCKETS)]))
    median_days = round(float(row[-1]), 1) if row[-1] is not None else None
    response = Table(
        "response_times",
        _l("Waktu jawaban mitra"),
        [_l("Lama jawaban"), _l("Perkenalan")],
        rows,
        _l(
            "Hari dari usulan perkenalan ke mitra sampai jawaban pertamanya (diterima atau "
            "ditolak), untuk perkenalan yang dimulai dalam periode. Median: %(median)s hari.",
            median=number(median_days),
        ),
    )
    return funnel, response


def filter_choices() -> dict[str, list]:
    """Options for the dashboard's filters."""
    from matcher import codes

    from ..i18n import code_label
    from ..models import User

    consultants = db.session.execute(
        select(User.id, User.name, User.email)
        .where(User.role.in_(("consultant", "admin")))
        .order_by(User.name, User.email)
    ).all()
    return {
        "fields": [(c, code_label(c, "field")) for c in codes.FIELDS],
        "sectors": [(c, code_label(c, "sector")) for c in codes.SECTORS],
        "regencies": list(codes.REGENCIES.items()),
        "consultants": [(i, n or e) for i, n, e in consultants],
    }
