"""Demo data: a few verified local companies per demo region with approved vacancies, an
employer and a job seeker to sign in as, and a Disnaker verifier.

Idempotent: people are matched by email, companies by NIB, vacancies by company and title;
what exists is left as it is (a second run changes nothing).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from modules.jobs import selectors
from modules.jobs.models import (
    Application,
    ApplicationEvent,
    Company,
    CompanyMember,
    Education,
    JobType,
    Sector,
    SeekerProfile,
    Vacancy,
)

E, J, S = Education, JobType, Sector
OPEN_DAYS = 30

# (NIB, name, sector, kecamatan, address, profile, vacancies). A vacancy: (title, job type,
# education, experience years, openings, salary min, salary max, disability-friendly,
# description, requirements).
# fmt: off
COMPANIES = {
    "tangsel": (
        ("9120101000011", "PT Serpong Logistik Nusantara", S.TRANSPORTASI, "Serpong",
         "Jl. Raya Serpong Km 7, Serpong",
         "Jasa pergudangan dan pengiriman barang untuk toko daring di Tangerang Raya.", (
            ("Staf Gudang", J.FULL_TIME, E.SMA, 0, 4, 4_800_000, 5_200_000, False,
             "Menerima, menyusun dan menyiapkan barang pengiriman di pergudangan kami.",
             "Pendidikan SMA/SMK. Teliti, sehat, bersedia bekerja bergilir (shift)."),
            ("Pengemudi Truk Engkel", J.CONTRACT, E.SMP, 2, 2, 5_000_000, 5_500_000, False,
             "Mengantar barang ke pelanggan di Jabodetabek dengan truk engkel.",
             "Memiliki SIM B1 aktif, pengalaman mengemudi truk paling sedikit 2 tahun."),
        )),
        ("9120101000022", "CV Dapur Bu Rina", S.AKOMODASI, "Pondok Aren",
         "Jl. Pondok Aren Raya No. 12, Pondok Aren",
         "Rumah makan keluarga dengan masakan Sunda dan katering kantor.", (
            ("Juru Masak", J.FULL_TIME, E.SMA, 1, 1, None, None, False,
             "Memasak menu harian dan pesanan katering sesuai resep dapur.",
             "Pengalaman memasak di rumah makan paling sedikit 1 tahun; sertifikat penjamah "
             "makanan menjadi nilai tambah."),
            ("Pramusaji Paruh Waktu", J.PART_TIME, E.SMA, 0, 2, 2_000_000, 2_500_000, True,
             "Melayani tamu pada jam makan siang dan malam, empat hari dalam seminggu.",
             "Ramah, rapi, dapat bekerja pada akhir pekan. Terbuka bagi penyandang disabilitas."),
        )),
        ("9120101000033", "PT Teknologi Cerdas BSD", S.INFORMASI, "Serpong",
         "Jl. BSD Grand Boulevard, Serpong",
         "Pengembang aplikasi untuk usaha kecil dan menengah.", (
            ("Pengembang Web (Magang)", J.INTERNSHIP, E.DIPLOMA, 0, 2, 2_500_000, 2_500_000,
             False, "Magang enam bulan membangun aplikasi web bersama tim pengembang.",
             "Mahasiswa tingkat akhir atau lulusan D3/S1 informatika; mengenal Python atau "
             "JavaScript."),
            ("Staf Layanan Pelanggan", J.FULL_TIME, E.SMA, 0, 3, 4_600_000, 5_000_000, True,
             "Menjawab pertanyaan pelanggan lewat telepon, surel dan obrolan daring.",
             "Komunikatif, terbiasa mengetik cepat. Ruang kerja dapat diakses kursi roda."),
        )),
    ),
    "balikpapan": (
        ("9640501000011", "PT Borneo Teknik Mandiri", S.KONSTRUKSI, "Balikpapan Selatan",
         "Jl. Marsma R. Iswahyudi No. 40, Balikpapan Selatan",
         "Kontraktor mekanikal dan elektrikal gedung dan fasilitas migas.", (
            ("Teknisi Listrik", J.CONTRACT, E.SMA, 2, 3, 5_500_000, 6_500_000, False,
             "Memasang dan merawat instalasi listrik gedung di proyek Balikpapan.",
             "Lulusan SMK Teknik Listrik, pengalaman 2 tahun, sertifikat K3 listrik."),
            ("Drafter AutoCAD", J.FULL_TIME, E.DIPLOMA, 1, 1, 6_000_000, 7_000_000, True,
             "Membuat gambar kerja mekanikal dan elektrikal.",
             "D3 Teknik Sipil/Mesin/Elektro, mahir AutoCAD."),
        )),
        ("9640501000022", "CV Kepiting Klandasan", S.AKOMODASI, "Balikpapan Kota",
         "Jl. Jenderal Sudirman, Klandasan Ilir, Balikpapan Kota",
         "Rumah makan hidangan laut di tepi pantai Klandasan.", (
            ("Juru Masak Hidangan Laut", J.FULL_TIME, E.SMP, 1, 2, 4_000_000, 4_500_000, False,
             "Mengolah kepiting, udang dan ikan sesuai resep rumah makan.",
             "Pengalaman memasak hidangan laut paling sedikit 1 tahun."),
            ("Kasir", J.FULL_TIME, E.SMA, 0, 1, 3_800_000, 4_000_000, True,
             "Melayani pembayaran tamu dan merekap penjualan harian.",
             "Teliti dan jujur; dapat bekerja bergilir."),
        )),
    ),
    "tangerang": (
        ("9367103000011", "PT Garmen Cipondoh Jaya", S.INDUSTRI, "Cipondoh",
         "Jl. KH Hasyim Ashari No. 88, Cipondoh",
         "Pabrik pakaian jadi untuk pasar dalam negeri dan ekspor.", (
            ("Operator Jahit", J.FULL_TIME, E.SMP, 0, 20, 5_000_000, 5_100_000, True,
             "Menjahit bagian pakaian pada lini produksi.",
             "Dapat menjahit dengan mesin jahit industri; pelatihan disediakan."),
            ("Staf Quality Control", J.FULL_TIME, E.SMA, 1, 2, 5_100_000, 5_600_000, False,
             "Memeriksa mutu jahitan dan ukuran sebelum pengemasan.",
             "SMA/SMK, pengalaman QC garmen 1 tahun, teliti."),
        )),
        ("9367103000022", "PT Karawaci Retail Indonesia", S.PERDAGANGAN, "Karawaci",
         "Jl. Imam Bonjol No. 5, Karawaci",
         "Jaringan toko swalayan di Kota Tangerang.", (
            ("Pramuniaga", J.FULL_TIME, E.SMA, 0, 6, 5_000_000, 5_200_000, True,
             "Menata barang, melayani pembeli dan menjaga kerapian toko.",
             "SMA/SMK, ramah, bersedia bekerja bergilir."),
            ("Kepala Toko", J.FULL_TIME, E.DIPLOMA, 3, 1, None, None, False,
             "Memimpin tim toko, mengatur stok dan laporan penjualan.",
             "D3/S1, pengalaman ritel 3 tahun, dua di antaranya sebagai penyelia."),
        )),
    ),
}
GENERIC = (
    ("9000001000011", "PT Usaha Daerah Maju", S.PERDAGANGAN, "", "Jl. Pasar No. 1",
     "Toko grosir bahan pokok.", (
        ("Staf Penjualan", J.FULL_TIME, E.SMA, 0, 2, 3_500_000, 4_000_000, False,
         "Menjual barang kepada pelanggan toko dan pedagang eceran.", "SMA/SMK, komunikatif."),
    )),
)
# fmt: on


def load(region) -> None:
    employer = _person(f"hrd@{region.slug}.test", "Wulan", "Kartika")
    seeker = _person(f"pencari.kerja@{region.slug}.test", "Bayu", "Saputra")
    _verifier(region)
    today = selectors.region_today()
    first_vacancy = None
    for spec in COMPANIES.get(region.slug, GENERIC):
        company = _company(spec, employer)
        for vacancy_spec in spec[6]:
            vacancy = _vacancy(company, vacancy_spec, employer, today)
            first_vacancy = first_vacancy or vacancy
    _profile_and_application(seeker, first_vacancy, employer)


def _person(email: str, first: str, last: str):
    users = get_user_model().objects
    found = users.filter(email=email).first()
    if found is not None:
        return found
    return users.create_user(
        email,
        settings.SINERGI_DEMO_PASSWORD,
        first_name=first,
        last_name=last,
        email_verified_at=timezone.now(),
    )


def _verifier(region) -> None:
    """A Disnaker officer with the module's role. Not placed in the organisation directory:
    the directory's demo keeps its positions empty for its own examples, and without anyone
    in the Disnaker unit the role's holders are the ones told (selectors.verifiers)."""
    users = get_user_model().objects
    email = f"disnaker@{region.slug}.test"
    officer = users.filter(email=email).first()
    if officer is None:
        officer = users.create_user(
            email,
            settings.SINERGI_DEMO_PASSWORD,
            first_name="Ratna",
            last_name="Disnaker",
            is_staff=True,
            email_verified_at=timezone.now(),
        )
        group = Group.objects.filter(name="Verifikator Disnaker").first()
        if group is not None:
            officer.groups.add(group)


def _company(spec, employer) -> Company:
    nib, name, sector, kecamatan, address, description, _vacancies = spec
    existing = Company.objects.filter(nib=nib).first()
    if existing is not None:
        return existing
    now = timezone.now()
    company = Company.objects.create(
        nib=nib,
        name=name,
        sector=sector,
        address=address,
        area=selectors.kecamatan().filter(name=kecamatan).first() if kecamatan else None,
        description=description,
        contact_name=employer.get_full_name(),
        contact_phone="0215550100",
        contact_email=employer.email,
        status=Company.Status.VERIFIED,
        submitted_at=now,
        reviewed_at=now,
        created_by=employer,
    )
    CompanyMember.objects.get_or_create(company=company, user=employer, defaults={"is_owner": True})
    return company


def _vacancy(company: Company, spec, employer, today) -> Vacancy:
    title, job_type, education, years, openings, low, high, friendly, text, needs = spec
    existing = Vacancy.objects.filter(company=company, title=title).first()
    if existing is not None:
        return existing
    now = timezone.now()
    return Vacancy.objects.create(
        company=company,
        title=title,
        job_type=job_type,
        education=education,
        experience_years=years,
        openings=openings,
        salary_min=low,
        salary_max=high,
        salary_negotiable=low is None,
        disability_friendly=friendly,
        description=text,
        requirements=needs,
        area=company.area,
        location=company.address,
        closes_on=today + timedelta(days=OPEN_DAYS),
        status=Vacancy.Status.PUBLISHED,
        submitted_at=now,
        published_at=now,
        created_by=employer,
    )


def _profile_and_application(seeker, vacancy: Vacancy | None, employer) -> None:
    SeekerProfile.objects.get_or_create(
        user=seeker,
        defaults={
            "phone": "081298765432",
            "education": Education.SMA,
            "major": "IPS",
            "skills": "Microsoft Excel, mengemudi (SIM A), bahasa Inggris dasar",
            "experience": "Staf administrasi toko bangunan, 2023–2025",
        },
    )
    if vacancy is None or Application.objects.filter(seeker=seeker, vacancy=vacancy).exists():
        return
    application = Application.objects.create(
        vacancy=vacancy,
        seeker=seeker,
        cover_note="Saya tinggal dekat lokasi kerja dan siap bekerja bergilir.",
        education=Education.SMA,
        stage=Application.Stage.SHORTLISTED,
    )
    ApplicationEvent.objects.bulk_create(
        [
            ApplicationEvent(
                application=application, stage=Application.Stage.RECEIVED, actor=seeker
            ),
            ApplicationEvent(
                application=application,
                stage=Application.Stage.SHORTLISTED,
                message="Berkas Anda lolos. Kami akan menghubungi Anda untuk jadwal wawancara.",
                actor=employer,
            ),
        ]
    )
