"""Indonesian words for extraction (Antara, Kompas, Tempo, Detik phrasing)."""

from __future__ import annotations

from factcheck.domain.extraction.lexicon import Lexicon
from factcheck.domain.extraction.lexicon import words_regex as w

_DAYS = {
    "senin": 0,
    "selasa": 1,
    "rabu": 2,
    "kamis": 3,
    "jumat": 4,
    "jum'at": 4,
    "sabtu": 5,
    "minggu": 6,
    "ahad": 6,
}
_MONTHS = (
    "januari februari maret april mei juni juli agustus september oktober november desember".split()
)
_SHORT = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "agust": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "nov": 11,
    "des": 12,
}
_DIED = r"tewas|meninggal(?:\s+dunia)?|terbunuh|korban\s+jiwa|wafat|kehilangan\s+nyawa|gugur"

ID = Lexicon(
    language="id",
    metric_after=(
        (r"masih\s+(?:di)?tahan|masih\s+dalam\s+tahanan|masih\s+mendekam", "in_custody"),
        (_DIED + r"|jenazah", "killed"),
        (r"luka-luka|terluka|luka\s+berat|luka\s+ringan|cedera|luka", "injured"),
        (r"hilang|belum\s+diketahui\s+keberadaannya|belum\s+ditemukan", "missing"),
        (r"ditahan|ditangkap|diamankan|dibekuk|diciduk", "detained"),
        (r"mengungsi|pengungsi\w*|kehilangan\s+tempat\s+tinggal", "displaced"),
    ),
    metric_before=(
        (
            r"menewaskan|tewas|meninggal(?:\s+dunia)?|korban\s+tewas|korban\s+jiwa|korban\s+meninggal(?:\s+dunia)?"
            r"|menetralisir|menetralisasi|menetralkan|melumpuhkan\s+dan\s+menewaskan",
            "killed",
        ),
        (r"melukai|korban\s+luka-luka|luka-luka|korban\s+luka|terluka", "injured"),
        (r"menahan|menangkap|mengamankan|tahanan", "detained"),
        (r"pengungsi", "displaced"),
        (r"korban\s+hilang", "missing"),
    ),
    toll_nouns=(
        (
            r"korban\s+(?:" + _DIED + r")|jumlah\s+(?:yang\s+)?(?:" + _DIED + r")|korban\s+jiwa",
            "killed",
        ),
        (r"korban\s+(?:luka-luka|luka|terluka)", "injured"),
        (r"korban\s+hilang|jumlah\s+(?:orang\s+)?hilang", "missing"),
        (r"jumlah\s+pengungsi", "displaced"),
    ),
    change_verbs=r"(?:bertambah|naik|meningkat|melonjak|direvisi|berubah)\s+(?:menjadi|jadi|hingga)|mencapai|menjadi"
    r"|(?:bisa|dapat|diperkirakan|diprediksi)\s+(?:mencapai|melebihi)"
    r"|(?:telah\s+|sudah\s+)?(?:melampaui|melebihi|menembus|tembus)|tercatat(?:\s+sebanyak)?|berjumlah",
    links=frozenset(
        "sebanyak sedikitnya menjadi mencapai adalah sudah telah kini berjumlah hingga".split()
    ),
    gap_words=frozenset(
        "orang jiwa yang telah sudah masih dinyatakan dilaporkan dikabarkan lainnya di antara "
        "antaranya termasuk dalam akibat mengalami juga kini tinggal korban pun diduga tersangka terduga".split()
    ),
    generic_people=frozenset("orang jiwa".split()),
    categories=(
        ("aparat keamanan", "security forces"),
        ("petugas keamanan", "security forces"),
        ("personel keamanan", "security forces"),
        ("pasukan keamanan", "security forces"),
        ("penegak hukum", "security forces"),
        ("aparat", "security forces"),
        ("anggota polisi", "police"),
        ("personel polisi", "police"),
        ("anggota Polri", "police"),
        ("polisi", "police"),
        ("polwan", "police"),
        ("anggota TNI", "military"),
        ("tentara", "military"),
        ("prajurit", "military"),
        ("warga sipil", "civilians"),
        ("warga", "civilians"),
        ("penduduk", "civilians"),
        ("demonstran", "protesters"),
        ("pengunjuk rasa", "protesters"),
        ("peserta aksi", "protesters"),
        ("anak-anak", "children"),
        ("anak", "children"),
        ("balita", "children"),
        ("perempuan", "women"),
        ("wanita", "women"),
        ("warga negara asing", "foreign nationals"),
        ("warga asing", "foreign nationals"),
        ("WNA", "foreign nationals"),
        ("penjahat bersenjata", "armed assailants"),
        ("militan", "armed assailants"),
        ("teroris", "armed assailants"),
        ("gerilyawan", "armed assailants"),
        ("penyerang", "armed assailants"),
        ("pemberontak", "armed assailants"),
        ("kelompok bersenjata", "armed assailants"),
        ("bandit", "armed assailants"),
        ("penculik", "armed assailants"),
    ),
    troop_nouns=r"personel|pasukan|tentara|prajurit",
    deploy_verbs=r"mengerahkan|dikerahkan|mengirim|mengirimkan|dikirim|diterjunkan|menerjunkan|tiba",
    units=frozenset(
        "tahun persen % km kilometer meter kg ton rumah bangunan unit hari jam menit detik dolar rupiah "
        "tenge kali kasus kendaraan sekolah desa kecamatan titik sr derajat views dilihat h wib wita wit "
        "pukul".split()
        + _MONTHS
        + list(_SHORT)
    ),
    not_after=frozenset(
        "pukul jam no nomor pasal ayat rp us$ $ magnitudo magnitude tanggal halaman liga tahun "
        "versi".split()
        + _MONTHS
    ),
    including=r"termasuk|di\s+antaranya|diantaranya",
    range_joiners=r"hingga|sampai|-|–",
    between=("antara", "dan"),
    estimate=r"diperkirakan|perkiraan|memperkirakan|estimasi|ditaksir|diestimasi",
    projection=r"bisa|dapat|dikhawatirkan|diperkirakan\s+akan|kemungkinan|berpotensi|diprediksi",
    speech_before=w(
        [
            "mengatakan",
            "menyatakan",
            "mengklaim",
            "melaporkan",
            "menyebut",
            "menyebutkan",
            "menegaskan",
            "menambahkan",
            "memperingatkan",
            "menuduh",
            "membantah",
            "menyangkal",
            "menepis",
            "menolak tuduhan",
            "menolak tudingan",
            "menolak klaim",
            "menyalahkan",
            "memperkirakan",
            "mencatat",
            "mencabut",
            "menarik",
            "merevisi",
            "meralat",
            "meluruskan",
            "mengumumkan",
            "menjelaskan",
            "mengungkapkan",
            "berjanji",
            "menduga",
            "menuding",
            "mengaku",
            "menilai",
            "menekankan",
            # who revises a figure says the new one ("BNPB meralat angka …")
            "meralat",
            "merevisi",
            "mengoreksi",
        ]
    ),
    speech_after=w(
        ["kata", "ujar", "ungkap", "jelas", "tutur", "tambah", "imbuh", "sebut", "tegas", "terang"]
    ),
    according_to=r"menurut",
    pronoun_tags=r"(?:kata|ujar|ungkap|jelas|tutur|tambah|imbuh|sebut|tegas|terang)nya",
    participles=w(["menyalahkan", "menuduh", "menyebut", "mengatakan", "menyatakan"]),
    pronouns=frozenset("ia dia beliau mereka -nya dirinya".split()),
    np_strip_lead=frozenset(
        "dan namun tetapi sementara sedangkan sebelumnya kemudian pada hari lalu yang setelah "
        "saat ketika".split()
        + list(_DAYS)
    ),
    np_strip_tail=frozenset(
        "telah sudah juga pun sebelumnya kemudian berulang kali sempat lalu pada hari "
        "malam pagi siang sore".split()
        + list(_DAYS)
    ),
    that="bahwa",
    accuse_verbs=w(["menuduh", "menyalahkan", "menduga", "menuding"]),
    deny_verbs=w(
        [
            "membantah",
            "menyangkal",
            "menepis",
            "menolak tuduhan",
            "menolak tudingan",
            "menolak klaim",
        ]
    ),
    negations=r"tidak\s+pernah|tak\s+pernah|bukan|tidak\s+benar|tidak\s+terlibat|tidak\s+ada\s+bukti",
    accusations=(
        (r"kudeta|makar", "coup", False),
        (r"merebut\s+kekuasaan|menggulingkan", "coup", True),
        (
            r"tentara\s+bayaran|gerilyawan|teroris\s+internasional|dari\s+luar\s+negeri|agen\s+asing|militan\s+asing",
            "foreign",
            False,
        ),
        (r"teroris|terorisme", "terror", False),
        (r"didalangi|dalang|mendalangi|di\s+balik|ditunggangi|provokator", "plot", False),
        (r"menembak(?:i|kan)?|melepaskan\s+tembakan|menyerang", "violence", False),
        (
            r"penyiksaan|disiksa|menyiksa|dipukuli|kekuatan\s+berlebihan|kekerasan\s+berlebihan|peluru\s+tajam",
            "abuse",
            False,
        ),
        (r"lalai|menghambat|menghalangi", "negligence", False),
        (r"hoaks|rekayasa|disinformasi|propaganda", "fabrication", False),
    ),
    disowned=r"angka|jumlah\s+korban|data",
    inquiry=r"menyelidiki|penyelidikan|mengusut|investigasi|menginvestigasi",
    retraction=r"mencabut\s+(?:\w+\s+){0,2}(?:pernyataan|angka|data|laporan|klaim|unggahan|informasi)"
    r"|menarik\s+(?:kembali\s+)?(?:\w+\s+){0,1}(?:angka|data|laporan|pernyataan|klaim)"
    r"|(?:pernyataan|angka|data|laporan)\s+(?:itu\s+|tersebut\s+)?(?:telah\s+)?dicabut",
    weekdays=_DAYS,
    months={m: i + 1 for i, m in enumerate(_MONTHS)} | _SHORT,
    relative_days={"hari ini": 0, "kemarin": -1, "semalam": -1, "tadi malam": -1},
    earlier=r"sebelumnya|sempat",
    exceed_verbs=r"melampaui|melebihi|menembus|tembus",
    revise_verbs=r"meralat|merevisi|mengoreksi|memperbarui|menurunkan|menaikkan|diralat|direvisi|dikoreksi",
    revise_to=r"menjadi|jadi",
    revise_from=r"dari(?:\s+sebelumnya)?|(?:angka|jumlah)\s+(?:sebelumnya\s+)?(?:sebanyak\s+)?",
    elided_after=r"(?:orang|korban)?\s*(?:lainnya)?\s*(?:di\s+antaranya|diantaranya)?(?!\w)",
    place_preps=r"di|dalam",
    where=r",?\s*(?:tempat|di\s+mana)",
    with_figure=r"dengan",
    as_of=r"hingga|sampai|per",
    place_anaphors=r"(?:provinsi|kota|wilayah|daerah|kabupaten|distrik|negara)\s+(?:itu|tersebut|ini)",
    severity=r"luka\s+berat|luka\s+ringan|kritis|kondisi\s+kritis|parah",
    earlier_figure=r"(?:naik|turun|bertambah|berkurang)\s+dari|dibandingkan(?:\s+dengan)?|dari\s+sebelumnya",
    local_authority=r"gubernur|bupati|wali\s*kota|pemerintah\s+(?:provinsi|kabupaten|kota|daerah)|pemprov|pemkab|pemkot",
    place_generic=frozenset(
        "di kota kabupaten kecamatan provinsi distrik desa wilayah daerah negara bagian yang dikuasai "
        "barat timur utara selatan tengah laut".split()
    ),
    timezones={
        "wib": "+07:00",
        "wita": "+08:00",
        "wit": "+09:00",
        "gmt": "+00:00",
        "utc": "+00:00",
    },
)
