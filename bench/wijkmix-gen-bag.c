/* wijkmix-gen-bag.c: writes a BAG-like GeoPackage as PDOK delivers it (for the import benchmark)
 *
 * Layers `pand` (Polygon: identificatie, bouwjaar, status) and `verblijfsobject` (Point:
 * identificatie, gebruiksdoel, oppervlakte, status, pand_identificatie, postcode, huisnummer,
 * huisletter, toevoeging, openbare_ruimte_naam, woonplaats_naam), field names as in PDOK's
 * BAG GeoPackage, RD New (EPSG:28992), each with its R-tree spatial index. The panden stand in
 * street blocks of 100 x 60 m (15 m streets) around the centre of Rotterdam (GM0599): row
 * houses, semi-detached houses, apartment blocks of 6-40 homes, shops with homes above,
 * offices and garden sheds without any verblijfsobject, the kind and building year leaning per
 * buurt. Optionally a CBS-like buurten layer (wijk- en buurtkaart, long field names) over the
 * same blocks with key figures, some "not available" (-99997).
 *
 * Deterministic: the same seed and number of panden give the same file. Written through
 * GDAL's C API (GPKG driver), one transaction per layer.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gdal.h>
#include <gio/gio.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#define MUNICIPALITY "0599"
#define WOONPLAATS "Rotterdam"
#define CENTRE_X 92500.0
#define CENTRE_Y 437500.0

/* A block and the street south of it and west of it. */
#define BLOCK_W 100.0
#define BLOCK_D 60.0
#define STREET 15.0
#define PITCH_X (BLOCK_W + STREET)
#define PITCH_Y (BLOCK_D + STREET)
/* A street's name changes every so many blocks; a buurt is so many blocks. */
#define STREET_BLOCKS 8
#define BUURT_COLS 6
#define BUURT_ROWS 8
/* Expected panden per block (measured on the default seed), to size the grid. */
#define PANDEN_PER_BLOCK 24.0

/* ---- Deterministic random numbers (splitmix64: fast, and the same on every machine) ---- */

typedef struct
{
  guint64 state;
} Rng;

static guint64
rng_next (Rng *rng)
{
  guint64 z = (rng->state += 0x9e3779b97f4a7c15ULL);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double
rng_double (Rng *rng)
{
  return (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

static double
rng_range (Rng *rng, double lo, double hi)
{
  return lo + (hi - lo) * rng_double (rng);
}

/* Uniform integer in [lo, hi]. */
static int
rng_int (Rng *rng, int lo, int hi)
{
  return lo + (int) (rng_double (rng) * (hi - lo + 1));
}

/* ---- What a buurt is like ---- */

typedef enum
{
  KIND_ROW_HOUSE,
  KIND_SEMI,
  KIND_APARTMENTS,
  KIND_SHOP,
  KIND_OFFICE,
  N_KINDS,
} Kind;

typedef struct
{
  int era_lo, era_hi;          /* building years of most of its blocks */
  double weights[N_KINDS];     /* kind of a lot */
  double shed_share;           /* row and semi-detached houses with a garden shed (a pand) */
  guint n_dwellings;           /* woonfunctie verblijfsobjecten, counted while writing */
  guint postcode_digits;       /* 4 digits */
  guint next_letters;          /* the next two letters, 0 = AA */
} Buurt;

static const struct
{
  int lo, hi;
  double weights[N_KINDS];
  double shed_share;
} characters[] = {
  /* old centre: apartments, shops and offices */
  { 1880, 1939, { 0.30, 0.00, 0.30, 0.28, 0.12 }, 0.00 },
  /* pre-war extensions: row houses with upstairs homes and shops on the corners */
  { 1905, 1939, { 0.62, 0.02, 0.20, 0.14, 0.02 }, 0.05 },
  /* post-war: apartment blocks (portiek and gallery flats) and row houses */
  { 1950, 1972, { 0.45, 0.03, 0.46, 0.04, 0.02 }, 0.06 },
  /* 1970s and 80s: row houses (bloemkoolwijk) */
  { 1973, 1990, { 0.80, 0.08, 0.08, 0.02, 0.02 }, 0.12 },
  /* Vinex: row houses, semi-detached, a few apartment blocks */
  { 1995, 2012, { 0.62, 0.22, 0.13, 0.01, 0.02 }, 0.10 },
  /* business park */
  { 1965, 2020, { 0.05, 0.00, 0.05, 0.10, 0.80 }, 0.00 },
};

/* ---- Names ---- */

static const char *const name_first[] = {
  "Eiken", "Beuken", "Linden", "Essen", "Populier", "Wilgen", "Berken", "Kastanje", "Iepen",
  "Platanen", "Rembrandt", "Vermeer", "Frans Hals", "Jan Steen", "Mesdag", "Breitner", "Israëls",
  "Vondel", "Bilderdijk", "Da Costa", "Tollens", "Potgieter", "Multatuli", "Gorter", "Roemer",
  "Kamerlingh Onnes", "Lorentz", "Zeeman", "Huygens", "Snellius", "Maas", "Rotte", "Schie",
  "Linge", "Merwede", "Lek", "IJssel", "Vecht", "Amstel", "Dommel", "Tulp", "Narcis", "Hyacint",
  "Krokus", "Anjer", "Roos", "Lelie", "Iris", "Dahlia", "Aster",
};
static const char *const name_last[] = {
  "straat", "laan", "weg", "kade", "singel", "plein", "dreef", "hof", "dwarsstraat", "pad",
};

static char *
street_name (guint street)
{
  guint n_first = G_N_ELEMENTS (name_first), n_last = G_N_ELEMENTS (name_last);
  guint first = street % n_first, last = (street / n_first) % n_last;
  guint round = street / (n_first * n_last);

  /* 500 names, then "Eikenstraat 2" style: real cities repeat words, never whole names. */
  if (round == 0)
    return g_strdup_printf ("%s%s", name_first[first], name_last[last]);
  return g_strdup_printf ("%s%s %u", name_first[first], name_last[last], round + 1);
}

/* ---- Output ---- */

typedef struct
{
  OGRLayerH layer;
  OGRFeatureH feature;
  int f[16];
} Out;

typedef char Postcode[8];

/* The same city is generated twice from the same seed: first its panden are written, then
 * its verblijfsobjecten, so each layer is one transaction and lies together in the file, as
 * in PDOK's file (interleaved rows would make reading one layer jump through the file). */
typedef enum
{
  PASS_PAND,
  PASS_VBO,
} Pass;

typedef struct
{
  Rng rng;
  guint64 seed;
  Pass pass;
  guint n_panden_wanted;
  guint n_panden, n_vbo, n_dwellings;
  guint n_block_cols, n_block_rows;
  guint n_buurt_cols, n_buurt_rows;
  Buurt *buurten;
  /* Next house number per street side: [street * 2 + side] (side 0 even, 1 odd). */
  guint *next_number;
  guint *postcode_left;         /* addresses left in the current postcode of a street side */
  Postcode *postcode;           /* current postcode of a street side */
  char **street_names;
  Out pand, vbo;
  GError *error;
} Gen;

static gboolean
ogr_failed (Gen *gen, const char *what)
{
  if (gen->error == NULL)
    g_set_error (&gen->error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", what,
                 CPLGetLastErrorMsg ());
  return FALSE;
}

static const char *
pand_status (Rng *rng, int *year)
{
  double r = rng_double (rng);

  if (r < 0.915)
    return "Pand in gebruik";
  if (r < 0.945)
    return "Pand in gebruik (niet ingemeten)";
  if (r < 0.960)
    {
      *year = rng_int (rng, 2025, 2027);
      return "Bouw gestart";
    }
  if (r < 0.970)
    {
      *year = rng_int (rng, 2026, 2028);
      return "Bouwvergunning verleend";
    }
  if (r < 0.982)
    return "Pand gesloopt";
  if (r < 0.990)
    return "Pand buiten gebruik";
  if (r < 0.996)
    return "Sloopvergunning verleend";
  *year = rng_int (rng, 2020, 2024);
  return "Niet gerealiseerd pand";
}

static const char *
vbo_status (Rng *rng, const char *pand)
{
  if (g_str_equal (pand, "Bouw gestart") || g_str_equal (pand, "Bouwvergunning verleend"))
    return "Verblijfsobject gevormd";
  if (g_str_equal (pand, "Pand gesloopt"))
    return "Verblijfsobject ingetrokken";
  if (g_str_equal (pand, "Niet gerealiseerd pand"))
    return "Niet gerealiseerd verblijfsobject";
  if (g_str_equal (pand, "Pand buiten gebruik"))
    return "Verblijfsobject buiten gebruik";
  if (g_str_equal (pand, "Pand in gebruik (niet ingemeten)"))
    return "Verblijfsobject in gebruik (niet ingemeten)";
  return rng_double (rng) < 0.995 ? "Verblijfsobject in gebruik" : "Verblijfsobject buiten gebruik";
}

/* Maps block-local (u along the street, v away from it) to RD New; @north: the block's north
 * side, whose street is at the top. */
typedef struct
{
  double bx, by;
  gboolean north;
} Frame;

static void
frame_point (const Frame *frame, double u, double v, double *x, double *y)
{
  *x = frame->bx + u;
  *y = frame->north ? frame->by + BLOCK_D - v : frame->by + v;
}

/* A footprint: a rectangle of @w x @d at @u (front at v = @v0), with a rear extension of
 * @ext_w x @ext_d when @ext_d > 0. Counter-clockwise in RD New. */
static OGRGeometryH
footprint (const Frame *frame, double u, double v0, double w, double d, double ext_w,
           double ext_d)
{
  double pu[9], pv[9];
  int n = 0;
  OGRGeometryH polygon = OGR_G_CreateGeometry (wkbPolygon);
  OGRGeometryH ring = OGR_G_CreateGeometry (wkbLinearRing);

  pu[n] = u, pv[n++] = v0;
  pu[n] = u + w, pv[n++] = v0;
  if (ext_d > 0)
    {
      double e0 = u + (w - ext_w) / 2;

      pu[n] = u + w, pv[n++] = v0 + d;
      pu[n] = e0 + ext_w, pv[n++] = v0 + d;
      pu[n] = e0 + ext_w, pv[n++] = v0 + d + ext_d;
      pu[n] = e0, pv[n++] = v0 + d + ext_d;
      pu[n] = e0, pv[n++] = v0 + d;
    }
  else
    pu[n] = u + w, pv[n++] = v0 + d;
  pu[n] = u, pv[n++] = v0 + d;

  /* The north side mirrors v: walk the other way to stay counter-clockwise. */
  for (int i = 0; i <= n; i++)
    {
      int k = frame->north ? (n - i) % n : i % n;
      double x, y;

      frame_point (frame, pu[k], pv[k], &x, &y);
      OGR_G_AddPoint_2D (ring, round (x * 1000) / 1000, round (y * 1000) / 1000);
    }
  OGR_G_AddGeometryDirectly (polygon, ring);
  return polygon;
}

static const char *
other_use (Rng *rng)
{
  static const char *const uses[] = {
    "kantoorfunctie", "kantoorfunctie", "kantoorfunctie", "industriefunctie",
    "bijeenkomstfunctie", "onderwijsfunctie", "gezondheidszorgfunctie", "sportfunctie",
    "logiesfunctie", "overige gebruiksfunctie", "winkelfunctie", "kantoorfunctie,industriefunctie",
  };

  return uses[rng_int (rng, 0, G_N_ELEMENTS (uses) - 1)];
}

/* Next address on a street side: its postcode, renewed every 12-25 addresses. */
static const char *
next_postcode (Gen *gen, guint side, Buurt *buurt)
{
  static const char letters[] = "ABCDEFGHJKLMNPRSTVWXZ"; /* the letters Dutch postcodes use */
  guint n_letters = sizeof letters - 1;

  if (gen->postcode_left[side] == 0)
    {
      guint l = buurt->next_letters++;

      /* 441 postcodes per buurt: a buurt has about 2,500 addresses, 12-25 per postcode. */
      g_snprintf (gen->postcode[side], sizeof gen->postcode[side], "%04u%c%c",
                  buurt->postcode_digits, letters[(l / n_letters) % n_letters],
                  letters[l % n_letters]);
      gen->postcode_left[side] = rng_int (&gen->rng, 12, 25);
    }
  gen->postcode_left[side]--;
  return gen->postcode[side];
}

static gboolean
write_vbo (Gen *gen, const char *pand_id, const char *pand_status_text, double x, double y,
           const char *use, int area, guint street, guint side, Buurt *buurt, guint number,
           const char *letter, const char *addition)
{
  Out *o = &gen->vbo;
  char id[17];
  /* Drawn in both passes, so that both draw the same numbers. */
  const char *status = vbo_status (&gen->rng, pand_status_text);
  const char *postcode = next_postcode (gen, street * 2 + side, buurt);
  OGRGeometryH point;

  g_snprintf (id, sizeof id, MUNICIPALITY "01%010u", ++gen->n_vbo);
  if (gen->pass != PASS_VBO)
    return TRUE;
  OGR_F_SetFID (o->feature, OGRNullFID);
  OGR_F_SetFieldString (o->feature, o->f[0], id);
  OGR_F_SetFieldString (o->feature, o->f[1], use);
  OGR_F_SetFieldInteger (o->feature, o->f[2], area);
  OGR_F_SetFieldString (o->feature, o->f[3], status);
  OGR_F_SetFieldString (o->feature, o->f[4], pand_id);
  OGR_F_SetFieldString (o->feature, o->f[5], postcode);
  OGR_F_SetFieldInteger (o->feature, o->f[6], number);
  if (letter != NULL)
    OGR_F_SetFieldString (o->feature, o->f[7], letter);
  else
    OGR_F_SetFieldNull (o->feature, o->f[7]);
  if (addition != NULL)
    OGR_F_SetFieldString (o->feature, o->f[8], addition);
  else
    OGR_F_SetFieldNull (o->feature, o->f[8]);
  OGR_F_SetFieldString (o->feature, o->f[9], gen->street_names[street]);
  OGR_F_SetFieldString (o->feature, o->f[10], WOONPLAATS);
  point = OGR_G_CreateGeometry (wkbPoint);
  OGR_G_AddPoint_2D (point, round (x * 1000) / 1000, round (y * 1000) / 1000);
  OGR_F_SetGeometryDirectly (o->feature, point);
  if (strstr (use, "woonfunctie") != NULL)
    buurt->n_dwellings++, gen->n_dwellings++;
  return OGR_L_CreateFeature (o->layer, o->feature) == OGRERR_NONE || ogr_failed (gen, "verblijfsobject");
}

static gboolean
write_pand (Gen *gen, OGRGeometryH polygon, int year, const char *status, char id[17])
{
  Out *o = &gen->pand;

  g_snprintf (id, 17, MUNICIPALITY "10%010u", ++gen->n_panden);
  if (gen->pass != PASS_PAND)
    return TRUE;
  OGR_F_SetFID (o->feature, OGRNullFID);
  OGR_F_SetFieldString (o->feature, o->f[0], id);
  OGR_F_SetFieldInteger (o->feature, o->f[1], year);
  OGR_F_SetFieldString (o->feature, o->f[2], status);
  OGR_F_SetGeometryDirectly (o->feature, polygon);
  return OGR_L_CreateFeature (o->layer, o->feature) == OGRERR_NONE || ogr_failed (gen, "pand");
}

/* One lot: a pand, its verblijfsobjecten on a grid over its front rectangle, maybe a shed. */
static gboolean
write_lot (Gen *gen, const Frame *frame, Buurt *buurt, guint street, guint side, Kind kind,
           double u, double w, int block_year)
{
  Rng *rng = &gen->rng;
  double v0 = 2.0, d, ext_w = 0, ext_d = 0;
  int year = block_year, n_units, area_lo, area_hi;
  const char *status;
  char id[17];
  OGRGeometryH polygon;
  int per_entrance = 1;
  gboolean shop_below = FALSE;

  switch (kind)
    {
    case KIND_ROW_HOUSE:
      d = rng_range (rng, 8.5, 10.5);
      if (rng_double (rng) < 0.4)
        ext_w = w * rng_range (rng, 0.5, 0.8), ext_d = rng_range (rng, 2.0, 3.5);
      /* Rotterdam's pre-war row houses often hold an upstairs home (letter A, B). */
      n_units = block_year < 1940 && rng_double (rng) < 0.45 ? rng_int (rng, 2, 3) : 1;
      per_entrance = n_units;
      area_lo = 60, area_hi = 140;
      break;
    case KIND_SEMI:
      d = rng_range (rng, 9, 12);
      if (rng_double (rng) < 0.3)
        ext_w = w * 0.6, ext_d = rng_range (rng, 2.5, 4.0);
      n_units = 1;
      area_lo = 110, area_hi = 220;
      break;
    case KIND_APARTMENTS:
      d = rng_range (rng, 10, 14);
      /* Portiek flats of 6-12, gallery flats up to 40. */
      n_units = rng_double (rng) < 0.6 ? rng_int (rng, 6, 12) : rng_int (rng, 13, 40);
      per_entrance = n_units <= 12 ? rng_int (rng, 4, 8) : 1;
      area_lo = 40, area_hi = 110;
      break;
    case KIND_SHOP:
      d = rng_range (rng, 14, 20);
      n_units = rng_int (rng, 1, 4);
      per_entrance = n_units;
      shop_below = TRUE;
      area_lo = 45, area_hi = 100;
      break;
    case KIND_OFFICE:
    default:
      d = rng_range (rng, 12, 25);
      n_units = rng_double (rng) < 0.7 ? 1 : rng_int (rng, 2, 6);
      area_lo = 150, area_hi = 2500;
      break;
    }

  year += rng_int (rng, -1, 1);
  status = pand_status (rng, &year);
  polygon = gen->pass == PASS_PAND ? footprint (frame, u, v0, w, d, ext_w, ext_d) : NULL;
  if (!write_pand (gen, polygon, year, status, id))
    return FALSE;

  {
    guint number = 0;
    int cols = MAX (1, (int) ceil (sqrt (n_units * w / d))), rows = (n_units + cols - 1) / cols;

    for (int i = 0; i < n_units; i++)
      {
        const char *use = "woonfunctie";
        char letter_buf[2] = { 0, 0 }, addition_buf[8];
        const char *letter = NULL, *addition = NULL;
        int area = rng_int (rng, area_lo, area_hi);
        double x, y;
        int k = i % per_entrance;

        if (k == 0)
          number = gen->next_number[street * 2 + side] += 2;
        if (kind == KIND_OFFICE)
          use = other_use (rng);
        else if (shop_below && i == 0)
          {
            use = rng_double (rng) < 0.85 ? "winkelfunctie" : "winkelfunctie,woonfunctie";
            area = rng_int (rng, 50, 400);
          }
        else if (kind == KIND_APARTMENTS && i == 0 && rng_double (rng) < 0.05)
          use = "woonfunctie,kantoorfunctie";
        if (per_entrance > 1 && k > 0)
          {
            if (kind == KIND_APARTMENTS && rng_double (rng) < 0.5)
              g_snprintf (addition_buf, sizeof addition_buf, "%d", k + 1), addition = addition_buf;
            else
              letter_buf[0] = 'A' + k - 1, letter = letter_buf;
          }
        else if (kind == KIND_APARTMENTS && per_entrance > 1)
          addition = "1";
        else if (rng_double (rng) < 0.01)
          addition = rng_double (rng) < 0.5 ? "bis" : "H";

        frame_point (frame, u + w * ((i % cols) + 0.5) / cols, v0 + d * ((i / cols) + 0.5) / rows,
                     &x, &y);
        if (!write_vbo (gen, id, status, x, y, use, area, street, side, buurt, number, letter,
                        addition))
          return FALSE;
      }
  }

  /* A garden shed at the back: a pand without verblijfsobject. */
  if ((kind == KIND_ROW_HOUSE || kind == KIND_SEMI) && gen->n_panden < gen->n_panden_wanted &&
      rng_double (rng) < buurt->shed_share)
    {
      double sw = MIN (w - 1.0, rng_range (rng, 2.0, 3.5)), sd = rng_range (rng, 2.0, 3.0);
      double sv = BLOCK_D / 2 - sd - 0.5;

      int shed_year = year + rng_int (rng, 0, 30);

      shed_year = MIN (shed_year, 2025);

      polygon = gen->pass == PASS_PAND ? footprint (frame, u + (w - sw) / 2, sv, sw, sd, 0, 0)
                                       : NULL;
      if (!write_pand (gen, polygon, shed_year, "Pand in gebruik", id))
        return FALSE;
    }
  return TRUE;
}

/* One side of a block: lots along the street until its length is used. */
static gboolean
write_side (Gen *gen, guint col, guint row, gboolean north)
{
  Rng *rng = &gen->rng;
  guint bcol = col / BUURT_COLS, brow = row / BUURT_ROWS;
  Buurt *buurt = &gen->buurten[brow * gen->n_buurt_cols + bcol];
  Frame frame = {
    CENTRE_X - gen->n_block_cols * PITCH_X / 2 + col * PITCH_X + STREET,
    CENTRE_Y - gen->n_block_rows * PITCH_Y / 2 + row * PITCH_Y + STREET,
    north,
  };
  /* The street south of row r is street r; north of it, r + 1; a name per STREET_BLOCKS. */
  guint street_row = north ? row + 1 : row;
  guint segments = (gen->n_block_cols + STREET_BLOCKS - 1) / STREET_BLOCKS;
  guint street = street_row * segments + col / STREET_BLOCKS;
  guint side = north ? 0 : 1;
  int block_year;
  double u = 0;
  Kind kind = KIND_ROW_HOUSE;
  double r = rng_double (rng), acc = 0;

  block_year = rng_int (rng, buurt->era_lo, buurt->era_hi);
  /* A side is mostly of one kind, with a few lots of another. */
  for (int k = 0; k < N_KINDS; k++)
    if (r < (acc += buurt->weights[k]))
      {
        kind = k;
        break;
      }

  while (gen->n_panden < gen->n_panden_wanted)
    {
      Kind lot = rng_double (rng) < 0.9 ? kind : (Kind) rng_int (rng, 0, N_KINDS - 1);
      double w, gap = 0;

      switch (lot)
        {
        case KIND_ROW_HOUSE: w = rng_range (rng, 5.1, 6.3); break;
        case KIND_SEMI: w = rng_range (rng, 7.5, 10.0), gap = rng_range (rng, 2.5, 5.0); break;
        case KIND_APARTMENTS: w = rng_range (rng, 20, 48); break;
        case KIND_SHOP: w = rng_range (rng, 5.5, 9.0); break;
        case KIND_OFFICE: default: w = rng_range (rng, 15, 45), gap = rng_range (rng, 3, 8); break;
        }
      if (u + w > BLOCK_W)
        break;
      if (!write_lot (gen, &frame, buurt, street, side, lot, u, w, block_year))
        return FALSE;
      u += w + gap;
    }
  return TRUE;
}

static gboolean
create_layer (Gen *gen, GDALDatasetH ds, Out *out, const char *name, OGRwkbGeometryType type,
              OGRSpatialReferenceH srs, const char *const *fields, const OGRFieldType *types)
{
  const char *options[] = { "GEOMETRY_NAME=geom", "FID=fid", "SPATIAL_INDEX=YES", NULL };
  OGRFeatureDefnH defn;

  out->layer = GDALDatasetCreateLayer (ds, name, srs, type, (char **) options);
  if (out->layer == NULL)
    return ogr_failed (gen, name);
  for (int i = 0; fields[i] != NULL; i++)
    {
      OGRFieldDefnH field = OGR_Fld_Create (fields[i], types[i]);

      if (OGR_L_CreateField (out->layer, field, TRUE) != OGRERR_NONE)
        {
          OGR_Fld_Destroy (field);
          return ogr_failed (gen, name);
        }
      OGR_Fld_Destroy (field);
    }
  defn = OGR_L_GetLayerDefn (out->layer);
  for (int i = 0; fields[i] != NULL; i++)
    out->f[i] = OGR_FD_GetFieldIndex (defn, fields[i]);
  out->feature = OGR_F_Create (defn);
  return TRUE;
}

static void
assign_buurten (Gen *gen)
{
  guint n = gen->n_buurt_cols * gen->n_buurt_rows;

  gen->buurten = g_new0 (Buurt, n);
  for (guint b = 0; b < n; b++)
    {
      Buurt *buurt = &gen->buurten[b];
      double cx = (b % gen->n_buurt_cols + 0.5) / gen->n_buurt_cols - 0.5;
      double cy = (b / gen->n_buurt_cols + 0.5) / gen->n_buurt_rows - 0.5;
      double dist = sqrt (cx * cx + cy * cy) * 2; /* 0 centre .. ~1.4 corner */
      guint c;

      /* Rings of growth: old centre, pre-war, post-war, 70s/80s, Vinex; business parks. */
      if (rng_double (&gen->rng) < 0.07)
        c = 5;
      else
        {
          double r = dist + rng_range (&gen->rng, -0.15, 0.15);

          c = r < 0.15 ? 0 : r < 0.40 ? 1 : r < 0.70 ? 2 : r < 0.95 ? 3 : 4;
        }
      buurt->era_lo = characters[c].lo;
      buurt->era_hi = characters[c].hi;
      memcpy (buurt->weights, characters[c].weights, sizeof buurt->weights);
      buurt->shed_share = characters[c].shed_share;
      buurt->postcode_digits = 3000 + b % 7000;
    }
}

/* CBS wijk- en buurtkaart style: one MultiPolygon per buurt, long field names (newer files). */
static gboolean
write_buurten (Gen *gen, const char *path, OGRSpatialReferenceH srs)
{
  static const char *const fields[] = {
    "buurtcode", "buurtnaam", "wijkcode", "gemeentecode", "gemeentenaam", "aantal_inwoners",
    "aantal_woningen", "percentage_koopwoningen", "percentage_huurwoningen",
    "percentage_huurwoningen_in_bezit_woningcorporaties",
    "percentage_huurwoningen_in_bezit_overige_verhuurders", "gemiddelde_woningwaarde", NULL,
  };
  static const OGRFieldType types[] = {
    OFTString, OFTString, OFTString, OFTString, OFTString, OFTInteger, OFTInteger, OFTInteger,
    OFTInteger, OFTInteger, OFTInteger, OFTInteger,
  };
  GDALDriverH driver = GDALGetDriverByName ("GPKG");
  GDALDatasetH ds = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  Out out = { 0 };
  gboolean ok = TRUE;

  if (ds == NULL)
    return ogr_failed (gen, path);
  if (!create_layer (gen, ds, &out, "buurten", wkbMultiPolygon, srs, fields, types))
    {
      GDALClose (ds);
      return FALSE;
    }
  GDALDatasetStartTransaction (ds, FALSE);
  for (guint b = 0; ok && b < gen->n_buurt_rows * gen->n_buurt_cols; b++)
    {
      Buurt *buurt = &gen->buurten[b];
      guint bc = b % gen->n_buurt_cols, br = b / gen->n_buurt_cols;
      double x0 = CENTRE_X - gen->n_block_cols * PITCH_X / 2 + bc * BUURT_COLS * PITCH_X;
      double y0 = CENTRE_Y - gen->n_block_rows * PITCH_Y / 2 + br * BUURT_ROWS * PITCH_Y;
      double x1 = x0 + BUURT_COLS * PITCH_X, y1 = y0 + BUURT_ROWS * PITCH_Y;
      char code[16], wijk[16], name[64];
      OGRGeometryH multi, polygon, ring;
      Rng *rng = &gen->rng;
      int corp, other, own;

      /* Like CBS: BU + gemeente (4) + wijk (2) + buurt (2); wijken of 10 buurten. */
      g_snprintf (wijk, sizeof wijk, "WK" MUNICIPALITY "%02u", (b / 10) % 100);
      g_snprintf (code, sizeof code, "BU" MUNICIPALITY "%02u%02u", (b / 10) % 100, b % 10 + (b / 1000) * 10);
      g_snprintf (name, sizeof name, "%s-%s", name_first[b % G_N_ELEMENTS (name_first)],
                  (const char *[]) { "Noord", "Zuid", "Oost", "West", "Midden", "Centrum" }[b / G_N_ELEMENTS (name_first) % 6]);
      if (b >= G_N_ELEMENTS (name_first) * 6)
        g_snprintf (name + strlen (name), sizeof name - strlen (name), " %u",
                    (guint) (b / (G_N_ELEMENTS (name_first) * 6) + 1));
      own = rng_int (rng, 10, 75);
      corp = rng_int (rng, 0, 100 - own);
      other = 100 - own - corp;

      OGR_F_SetFID (out.feature, OGRNullFID);
      OGR_F_SetFieldString (out.feature, out.f[0], code);
      OGR_F_SetFieldString (out.feature, out.f[1], name);
      OGR_F_SetFieldString (out.feature, out.f[2], wijk);
      OGR_F_SetFieldString (out.feature, out.f[3], "GM" MUNICIPALITY);
      OGR_F_SetFieldString (out.feature, out.f[4], WOONPLAATS);
      OGR_F_SetFieldInteger (out.feature, out.f[5], (int) (buurt->n_dwellings * rng_range (rng, 1.6, 2.6)));
      OGR_F_SetFieldInteger (out.feature, out.f[6], buurt->n_dwellings);
      /* One buurt in 25 has its tenure shares secret (-99997), one in 40 its WOZ value. */
      if (rng_double (rng) < 0.04)
        own = corp = other = -99997;
      OGR_F_SetFieldInteger (out.feature, out.f[7], own);
      OGR_F_SetFieldInteger (out.feature, out.f[8], own < 0 ? -99997 : 100 - own);
      OGR_F_SetFieldInteger (out.feature, out.f[9], corp);
      OGR_F_SetFieldInteger (out.feature, out.f[10], other);
      OGR_F_SetFieldInteger (out.feature, out.f[11],
                             rng_double (rng) < 0.025 ? -99997 : rng_int (rng, 160, 620));

      multi = OGR_G_CreateGeometry (wkbMultiPolygon);
      polygon = OGR_G_CreateGeometry (wkbPolygon);
      ring = OGR_G_CreateGeometry (wkbLinearRing);
      OGR_G_AddPoint_2D (ring, x0, y0);
      OGR_G_AddPoint_2D (ring, x1, y0);
      OGR_G_AddPoint_2D (ring, x1, y1);
      OGR_G_AddPoint_2D (ring, x0, y1);
      OGR_G_AddPoint_2D (ring, x0, y0);
      OGR_G_AddGeometryDirectly (polygon, ring);
      OGR_G_AddGeometryDirectly (multi, polygon);
      OGR_F_SetGeometryDirectly (out.feature, multi);
      ok = OGR_L_CreateFeature (out.layer, out.feature) == OGRERR_NONE || ogr_failed (gen, "buurten");
    }
  ok = ok && (GDALDatasetCommitTransaction (ds) == OGRERR_NONE || ogr_failed (gen, "buurten"));
  OGR_F_Destroy (out.feature);
  GDALClose (ds);
  return ok;
}

static gboolean
generate (Gen *gen, const char *path, const char *buurten_path)
{
  static const char *const pand_fields[] = { "identificatie", "bouwjaar", "status", NULL };
  static const OGRFieldType pand_types[] = { OFTString, OFTInteger, OFTString };
  static const char *const vbo_fields[] = {
    "identificatie", "gebruiksdoel", "oppervlakte", "status", "pand_identificatie", "postcode",
    "huisnummer", "huisletter", "toevoeging", "openbare_ruimte_naam", "woonplaats_naam", NULL,
  };
  static const OGRFieldType vbo_types[] = {
    OFTString, OFTString, OFTInteger, OFTString, OFTString, OFTString, OFTInteger, OFTString,
    OFTString, OFTString, OFTString,
  };
  GDALDriverH driver = GDALGetDriverByName ("GPKG");
  OGRSpatialReferenceH srs = OSRNewSpatialReference (NULL);
  GDALDatasetH ds;
  double blocks = gen->n_panden_wanted / PANDEN_PER_BLOCK + 1;
  guint n_streets, segments, n_rows_room, n_rows_used = 0;
  gboolean ok;

  /* A square city: rows x cols blocks with rows * PITCH_Y ~ cols * PITCH_X, centred on the
   * expected rows; twice as many rows have room, in case the blocks hold fewer panden. */
  gen->n_block_cols = MAX (1, (guint) ceil (sqrt (blocks * PITCH_Y / PITCH_X)));
  gen->n_block_rows = MAX (1, (guint) ceil (blocks / gen->n_block_cols));
  n_rows_room = gen->n_block_rows * 2 + 2;
  gen->n_buurt_cols = (gen->n_block_cols + BUURT_COLS - 1) / BUURT_COLS;
  gen->n_buurt_rows = (n_rows_room + BUURT_ROWS - 1) / BUURT_ROWS;
  segments = (gen->n_block_cols + STREET_BLOCKS - 1) / STREET_BLOCKS;
  n_streets = (n_rows_room + 1) * segments;
  gen->next_number = g_new0 (guint, n_streets * 2);
  gen->postcode_left = g_new0 (guint, n_streets * 2);
  gen->postcode = g_new0 (Postcode, n_streets * 2);
  gen->street_names = g_new0 (char *, n_streets + 1);
  for (guint s = 0; s < n_streets; s++)
    gen->street_names[s] = street_name (s);

  OSRImportFromEPSG (srs, 28992);
  ds = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  if (ds == NULL)
    {
      OSRDestroySpatialReference (srs);
      return ogr_failed (gen, path);
    }
  ok = create_layer (gen, ds, &gen->pand, "pand", wkbPolygon, srs, pand_fields, pand_types) &&
       create_layer (gen, ds, &gen->vbo, "verblijfsobject", wkbPoint, srs, vbo_fields, vbo_types);

  for (Pass pass = PASS_PAND; ok && pass <= PASS_VBO; pass++)
    {
      gen->pass = pass;
      gen->rng.state = gen->seed;
      gen->n_panden = gen->n_vbo = gen->n_dwellings = 0;
      for (guint s = 0; s < n_streets; s++)
        {
          gen->next_number[s * 2 + 1] = (guint) -1; /* 2 is added before use: odd from 1 */
          gen->next_number[s * 2] = 0;              /* even side from 2 */
          gen->postcode_left[s * 2] = gen->postcode_left[s * 2 + 1] = 0;
        }
      g_free (gen->buurten);
      assign_buurten (gen);

      ok = GDALDatasetStartTransaction (ds, FALSE) == OGRERR_NONE || ogr_failed (gen, path);
      for (guint row = 0; ok && gen->n_panden < gen->n_panden_wanted; row++)
        {
          if (row >= n_rows_room)
            {
              g_set_error (&gen->error, G_IO_ERROR, G_IO_ERROR_FAILED, "the city's grid is full");
              ok = FALSE;
              break;
            }
          for (guint col = 0; ok && col < gen->n_block_cols && gen->n_panden < gen->n_panden_wanted;
               col++)
            ok = write_side (gen, col, row, FALSE) && write_side (gen, col, row, TRUE);
          n_rows_used = row + 1;
        }
      /* The GPKG driver fills the layer's R-tree in bulk when the transaction commits. */
      ok = ok && (GDALDatasetCommitTransaction (ds) == OGRERR_NONE || ogr_failed (gen, path));
    }
  if (gen->pand.feature != NULL)
    OGR_F_Destroy (gen->pand.feature);
  if (gen->vbo.feature != NULL)
    OGR_F_Destroy (gen->vbo.feature);
  GDALClose (ds);

  if (ok && buurten_path != NULL)
    {
      /* Only the rows of buurten that hold blocks. */
      gen->n_buurt_rows = (n_rows_used + BUURT_ROWS - 1) / BUURT_ROWS;
      ok = write_buurten (gen, buurten_path, srs);
    }
  OSRDestroySpatialReference (srs);
  for (guint s = 0; s < n_streets; s++)
    g_free (gen->street_names[s]);
  g_free (gen->street_names);
  g_free (gen->next_number);
  g_free (gen->postcode_left);
  g_free (gen->postcode);
  g_free (gen->buurten);
  return ok;
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *buurten = NULL;
  gint64 seed = 11;
  guint64 n_panden = 300000;
  GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Random seed (default 11)", "N" },
    { "buurten", 0, 0, G_OPTION_ARG_FILENAME, &buurten,
      "Also write CBS-like buurten with key figures to this GeoPackage", "FILE" },
    { NULL },
  };
  Gen gen = { 0 };
  gint64 start;

  context = g_option_context_new ("OUTPUT.gpkg [PANDEN]");
  g_option_context_set_summary (context,
                                "Writes a BAG-like GeoPackage (layers pand and verblijfsobject, as "
                                "PDOK delivers it)\nof PANDEN panden (default 300000) around "
                                "Rotterdam, for the import benchmark.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("wijkmix-gen-bag: %s\n", error->message);
      return 2;
    }
  if (argc < 2 || argc > 3 ||
      (argc == 3 && !g_ascii_string_to_unsigned (argv[2], 10, 1, 5000000, &n_panden, NULL)))
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return 2;
    }
  if (g_file_test (argv[1], G_FILE_TEST_EXISTS) ||
      (buurten != NULL && g_file_test (buurten, G_FILE_TEST_EXISTS)))
    {
      g_printerr ("wijkmix-gen-bag: %s exists; it is not overwritten\n",
                  g_file_test (argv[1], G_FILE_TEST_EXISTS) ? argv[1] : buurten);
      return 1;
    }

  GDALAllRegister ();
  gen.seed = (guint64) seed;
  gen.n_panden_wanted = (guint) n_panden;
  start = g_get_monotonic_time ();
  if (!generate (&gen, argv[1], buurten))
    {
      g_printerr ("wijkmix-gen-bag: %s\n", gen.error != NULL ? gen.error->message : "failed");
      g_clear_error (&gen.error);
      return 1;
    }
  g_print ("%s: %u panden, %u verblijfsobjecten (%u with woonfunctie) in %.1f s\n", argv[1],
           gen.n_panden, gen.n_vbo, gen.n_dwellings, (g_get_monotonic_time () - start) / 1e6);
  return 0;
}
