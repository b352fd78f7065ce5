/* wm-indicator-engine.c: mix indicators of a plan's baseline and one scenario, by delta */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "wm-core.h"
#include "wm-dissimilarity.h"
#include "wm-indicator-engine.h"
#include "wm-facility.h"
#include "wm-json-guard.h"
#include "wm-projection.h"
#include "wm-spatial-index.h"
#include "wm-timeline.h"

#define MAX_KINDS 16
#define MAX_GRIDS 4
#define SITE_BUCKET 100.0
#define FACILITY_BUCKET 500.0

/* ---------------------------------------------------------------------------------------------
 * Parameters from data/indicators.json
 * ------------------------------------------------------------------------------------------ */

typedef struct
{
  guint n_kinds;
  char *kind_keys[MAX_KINDS + 1];
  double radius[MAX_KINDS];
  /* > 0: only areas (polygons) of at least this many m² count, by distance to the polygon. */
  double min_area[MAX_KINDS];
  /* Base map classes whose polygons count for the kind, as a baseline. */
  gboolean basemap[MAX_KINDS][WM_N_BASEMAP_CLASSES];
  /* Source kinds of those polygons that do not count (farmland is green but not for use). */
  char **basemap_exclude[MAX_KINDS];
  guint kinds_of_type[WM_N_FACILITY_TYPES]; /* bit k: the type counts for kind k */
  guint area_kinds;                         /* bit k: min_area[k] > 0 */
  double household_size[WM_N_SEGMENTS];
  guint n_grids;
  double grid_sizes[MAX_GRIDS];
  char **keys_area;
  char **keys_total;
} Config;

static void
parse_config (Config *cfg, GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) area_keys = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) total_keys = g_strv_builder_new ();
  JsonObject *root, *sizes;
  JsonArray *kinds, *grids;

  /* The file is shipped with the program: a broken one is a build error. */
  if (!wm_json_guard_load (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                           "indicators.json", &error))
    g_error ("%s", error->message);
  root = json_node_get_object (json_parser_get_root (parser));
  kinds = json_object_get_array_member (root, "coverage");
  sizes = json_object_get_object_member (root, "household_size");
  grids = json_object_get_array_member (root, "grid_sizes");

  cfg->n_kinds = MIN (json_array_get_length (kinds), MAX_KINDS);
  for (guint k = 0; k < cfg->n_kinds; k++)
    {
      JsonObject *kind = json_array_get_object_element (kinds, k);
      JsonArray *types = json_object_get_array_member (kind, "facility_types");

      cfg->kind_keys[k] = g_strdup (json_object_get_string_member (kind, "key"));
      cfg->radius[k] = json_object_get_double_member (kind, "radius");
      cfg->min_area[k] = json_object_get_double_member_with_default (kind, "min_area", 0.0);
      if (cfg->min_area[k] > 0)
        cfg->area_kinds |= 1u << k;
      for (guint i = 0; i < json_array_get_length (types); i++)
        {
          WmFacilityType type;

          if (!wm_facility_type_from_key (json_array_get_string_element (types, i), &type))
            g_error ("indicators.json: unknown facility type");
          cfg->kinds_of_type[type] |= 1u << k;
        }
      if (json_object_has_member (kind, "basemap_classes"))
        {
          JsonArray *classes = json_object_get_array_member (kind, "basemap_classes");

          for (guint i = 0; i < json_array_get_length (classes); i++)
            {
              WmBasemapClass klass;

              if (!wm_basemap_class_from_key (json_array_get_string_element (classes, i), &klass))
                g_error ("indicators.json: unknown base map class");
              cfg->basemap[k][klass] = TRUE;
            }
        }
      if (json_object_has_member (kind, "basemap_exclude_kinds"))
        {
          JsonArray *excluded = json_object_get_array_member (kind, "basemap_exclude_kinds");
          g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

          for (guint i = 0; i < json_array_get_length (excluded); i++)
            g_strv_builder_add (b, json_array_get_string_element (excluded, i));
          cfg->basemap_exclude[k] = g_strv_builder_end (b);
        }
    }
  /* A type may count for several kinds (a shared garden is green and a place to meet). */
  for (guint t = 0; t < WM_N_FACILITY_TYPES; t++)
    if (cfg->kinds_of_type[t] == 0)
      g_error ("indicators.json: facility type %s has no coverage kind", wm_facility_type_key (t));
  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    cfg->household_size[s] = json_object_get_double_member (sizes, wm_segment_key (s));
  cfg->n_grids = MIN (json_array_get_length (grids), MAX_GRIDS);
  for (guint g = 0; g < cfg->n_grids; g++)
    cfg->grid_sizes[g] = json_array_get_double_element (grids, g);

  for (int pass = 0; pass < 2; pass++)
    {
      GStrvBuilder *b = pass == 0 ? area_keys : total_keys;

      g_strv_builder_add (b, "dwellings");
      for (guint s = 0; s < WM_N_SEGMENTS; s++)
        {
          g_autofree char *key = g_strconcat ("dwellings.", wm_segment_key (s), NULL);
          g_strv_builder_add (b, key);
        }
      g_strv_builder_add (b, "dwellings.affordable");
      for (guint s = 0; s < WM_N_SEGMENTS; s++)
        {
          g_autofree char *key = g_strconcat ("share.", wm_segment_key (s), NULL);
          g_strv_builder_add (b, key);
        }
      g_strv_builder_add (b, "affordable_share");
      g_strv_builder_add (b, "new_build_affordable_share");
      g_strv_builder_add (b, "diversity");
      if (pass == 1)
        {
          g_strv_builder_add (b, "dissimilarity_social");
          for (guint g = 0; g < cfg->n_grids; g++)
            {
              g_autofree char *key = g_strdup_printf ("dissimilarity_social.grid_%gm",
                                                      cfg->grid_sizes[g]);
              g_strv_builder_add (b, key);
            }
        }
      g_strv_builder_add (b, "households_to_rehouse");
      g_strv_builder_add (b, "newcomer_share");
      g_strv_builder_add (b, "residents");
      for (guint k = 0; k < cfg->n_kinds; k++)
        {
          g_autofree char *key = g_strconcat ("coverage.", cfg->kind_keys[k], NULL);
          g_strv_builder_add (b, key);
        }
    }
  cfg->keys_area = g_strv_builder_end (area_keys);
  cfg->keys_total = g_strv_builder_end (total_keys);
}

static const Config *
get_config (void)
{
  static Config cfg;
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      g_autoptr(GBytes) bytes = NULL;

      wm_core_init ();
      bytes = g_resources_lookup_data ("/nl/wijkmix/core/indicators.json",
                                       G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_assert (bytes != NULL);
      parse_config (&cfg, bytes);
      g_once_init_leave (&once, 1);
    }

  return &cfg;
}

/* ---------------------------------------------------------------------------------------------
 * State
 * ------------------------------------------------------------------------------------------ */

/* [0] baseline, [1] projected. */
typedef struct
{
  gint64 mix[2][WM_N_SEGMENTS];
  gint64 covered[2][MAX_KINDS];
  gint64 rehouse;
  gint64 newcomers;
  /* Rehoused here who return under a right to return (by where they lived). */
  gint64 returners;
  gint64 new_build;
  gint64 new_build_affordable;
} Counts;

typedef struct
{
  gint64 social[2];
  gint64 other[2];
} CellCounts;

typedef struct
{
  gint64 ix, iy;
  int index; /* into counts; -1 for an empty slot */
} CellSlot;

/* An open-addressing map from cell coordinates to counts: one lookup per site on a full
 * recompute, so it is kept cheaper than a GHashTable. */
typedef struct
{
  CellSlot *slots;
  guint mask;     /* number of slots - 1, a power of two */
  GArray *counts; /* CellCounts */
} Grid;

typedef struct _Record Record;

/* A place where dwellings are: a baseline building or a proposal's own location. */
typedef struct
{
  double x, y;
  gconstpointer building; /* the baseline building (only compared), NULL for a proposal's */
  int area;               /* index into counts; n_areas when outside every area */
  int cell[MAX_GRIDS];
  WmDwellingMix proj;
  guint demolished;       /* demolitions naming it */
  /* Sum of the deltas of proposals acting on the building (conversion, renovation,
   * transformation, split/merge). They count only while it is not demolished: in the plan's
   * order (wm-projection.h) a demolition wipes what came before it and nothing acts on the
   * building after it, so after the plan a demolished building has 0 dwellings whatever the
   * order, and the dwelling sums stay order-free (who moves is settled in the plan's order:
   * settle_demolitions()). */
  WmDwellingMix acting;
  /* Its first applied demolition in the plan's order and the households that rehouses: what
   * the building holds just before it (kept by settle_demolitions()). */
  Record *first;
  gint64 rehoused;
  guint dirty; /* its index + 1 in dirty_sites, 0 when settled */
  gboolean in_use;
} Site;

typedef struct
{
  double x, y;
  guint kinds; /* bit per coverage kind it counts for */
  gboolean baseline;
  guint removed; /* removals naming it (baseline facilities) */
  gboolean in_use;
  WmGeometry *area; /* its polygon, for kinds with a minimum area; NULL otherwise */
  double reach; /* farthest corner of the polygon's bounds from (x, y); 0 without */
} Facility;

/* A polygon of the base map that counts for coverage kind @kind (baseline only). */
typedef struct
{
  WmGeometry *geometry;
  int kind;
} AreaFeature;

/* Returners of a demolition from one area. */
typedef struct
{
  int area;
  gint64 rehoused;
  gint64 returners;
} AreaReturners;

struct _Record
{
  WmIndicatorEngine *engine;
  WmProposal *proposal;
  gboolean applied;
  /* What was applied, so that it can be undone exactly even after the proposal changed. */
  WmProposalKind kind;
  GArray *demolished; /* guint site indices, unique */
  int site;           /* site of the delta; -1 unlocated */
  gboolean own_site;
  gboolean has_delta;
  WmDwellingMix delta;
  int facility;       /* -1 none */
  gboolean own_facility;
  double return_share; /* demolitions */
  /* Acting on a building after its first demolition in the plan's order: it does nothing
   * (wm-projection.h), so nobody moves for it. */
  gboolean dead;
  GArray *returners;   /* AreaReturners counted for the buildings it demolishes first */
  gboolean returners_dirty;
};

struct _WmIndicatorEngine
{
  GObject parent_instance;

  WmPlan *plan;
  WmScenario *scenario;
  const Config *cfg;
  gboolean affordable[WM_N_SEGMENTS];

  GHashTable *area_index; /* area id (borrowed) -> index + 1 */
  guint n_areas;
  Counts *counts;         /* n_areas areas, outside, total */

  GArray *sites;
  /* Per coverage kind, per site: active facilities of the kind within reach (guint). One
   * dense array per kind keeps the bulk count of a full recompute in cache. */
  GArray *cover[MAX_KINDS];
  GArray *free_sites;
  guint n_buildings;          /* baseline sites: 0 .. n_buildings - 1 */
  WmSpatialIndex *site_index;

  GArray *facilities;
  GArray *free_facilities;
  GHashTable *facility_index; /* facility id (borrowed) -> index + 1 */
  WmSpatialIndex *facility_spatial;
  double max_reach;           /* of every polygon facility since the last full recompute */
  GArray *area_features;      /* AreaFeature: base map polygons counting for coverage */

  /* Returners per unit (areas, outside) by where they move in; valid until counts change. */
  gint64 *returners_in;
  gboolean returners_valid;

  Grid grids[MAX_GRIDS];

  GPtrArray *records;
  /* The year the projection stands at: only records of proposals completed by then are
   * applied (WM_INDICATOR_ALL_YEARS: all). */
  int year;
  /* Baseline sites and demolitions whose order-dependent counts wait for settle_demolitions(). */
  GArray *dirty_sites;
  GPtrArray *dirty_records;

  /* D with units and chance level per key (across areas, then per grid) and state, computed
   * on request and dropped whenever "changed" is emitted. */
  WmDissimilarity d_cache[1 + MAX_GRIDS][2];
  gboolean d_cached[1 + MAX_GRIDS][2];
};

G_DEFINE_FINAL_TYPE (WmIndicatorEngine, wm_indicator_engine, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_YEAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define OUTSIDE(self) ((self)->n_areas)
#define COVER(self, k, i) (g_array_index ((self)->cover[k], guint, (i)))
#define TOTAL(self) (&(self)->counts[(self)->n_areas + 1])

static gint64
mix_total (const WmDwellingMix *mix)
{
  gint64 n = 0;

  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    n += mix->counts[s];
  return n;
}

static gint64
positive_total (const WmDwellingMix *mix,
                const gboolean      *only)
{
  gint64 n = 0;

  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    if (mix->counts[s] > 0 && (only == NULL || only[s]))
      n += mix->counts[s];
  return n;
}

static guint
cell_hash (gint64 ix,
           gint64 iy)
{
  guint64 h = (guint64) ix * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) ^
              (guint64) iy * G_GUINT64_CONSTANT (0xC2B2AE3D27D4EB4F);

  return (guint) (h ^ (h >> 32));
}

/* Keeps the slots for the next fill. */
static void
grid_clear (Grid *grid)
{
  for (guint i = 0; grid->slots != NULL && i <= grid->mask; i++)
    grid->slots[i].index = -1;
  g_array_set_size (grid->counts, 0);
}

static void
grid_grow (Grid *grid)
{
  guint n_slots = grid->slots != NULL ? 2 * (grid->mask + 1) : 256;
  CellSlot *old = grid->slots;
  guint old_n = old != NULL ? grid->mask + 1 : 0;

  grid->slots = g_new (CellSlot, n_slots);
  grid->mask = n_slots - 1;
  for (guint i = 0; i < n_slots; i++)
    grid->slots[i].index = -1;
  for (guint i = 0; i < old_n; i++)
    if (old[i].index >= 0)
      {
        guint h = cell_hash (old[i].ix, old[i].iy) & grid->mask;

        while (grid->slots[h].index >= 0)
          h = (h + 1) & grid->mask;
        grid->slots[h] = old[i];
      }
  g_free (old);
}

/* A coordinate as a cell number; not-finite and absurd ones share one far-away cell. */
static gint64
cell_coord (double v,
            double size)
{
  double f = floor (v / size);

  return fabs (f) < 1e15 ? (gint64) f : G_MAXINT64;
}

static int
cell_index (WmIndicatorEngine *self,
            guint              g,
            double             x,
            double             y)
{
  Grid *grid = &self->grids[g];
  double size = self->cfg->grid_sizes[g];
  gint64 ix = cell_coord (x, size), iy = cell_coord (y, size);
  CellCounts zero = { { 0, 0 }, { 0, 0 } };
  guint h;

  /* At most half full. */
  if (grid->slots == NULL || 2 * (grid->counts->len + 1) > grid->mask + 1)
    grid_grow (grid);
  for (h = cell_hash (ix, iy) & grid->mask; grid->slots[h].index >= 0;
       h = (h + 1) & grid->mask)
    if (grid->slots[h].ix == ix && grid->slots[h].iy == iy)
      return grid->slots[h].index;

  g_array_append_val (grid->counts, zero);
  grid->slots[h].ix = ix;
  grid->slots[h].iy = iy;
  grid->slots[h].index = grid->counts->len - 1;
  return grid->slots[h].index;
}

/* Adds @sign * @delta to the projected dwellings at @site (-1: unlocated, outside every area). */
static void
add_mix_at (WmIndicatorEngine   *self,
            int                  site_index,
            const WmDwellingMix *delta,
            int                  sign)
{
  Site *site = site_index >= 0 ? &g_array_index (self->sites, Site, site_index) : NULL;
  Counts *area = &self->counts[site != NULL ? (guint) site->area : OUTSIDE (self)];
  Counts *total = TOTAL (self);
  gint64 n = sign * mix_total (delta);

  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    {
      area->mix[1][s] += sign * delta->counts[s];
      total->mix[1][s] += sign * delta->counts[s];
    }
  if (site == NULL)
    return;

  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    site->proj.counts[s] += sign * delta->counts[s];
  for (guint g = 0; g < self->cfg->n_grids; g++)
    {
      CellCounts *cell = &g_array_index (self->grids[g].counts, CellCounts, site->cell[g]);
      gint64 social = sign * delta->counts[WM_SEGMENT_SOCIAL_RENT];

      cell->social[1] += social;
      cell->other[1] += n - social;
    }
  for (guint k = 0; k < self->cfg->n_kinds; k++)
    if (COVER (self, k, site_index) > 0)
      {
        area->covered[1][k] += n;
        total->covered[1][k] += n;
      }
}

typedef struct
{
  WmIndicatorEngine *self;
  int kind;
  int sign;
  const WmGeometry *area; /* non-NULL: reach by distance to this polygon */
  /* Full recompute: a disc round (cx, cy) of radius inner lies within @area, which lies
   * within the disc of radius outer (inner 0: neither is known). */
  double cx, cy, inner, outer;
} CoverData;

static void
cover_site_cb (guint    id,
               double   x,
               double   y,
               gpointer user_data)
{
  CoverData *data = user_data;
  WmIndicatorEngine *self = data->self;
  Site *site = &g_array_index (self->sites, Site, id);
  int k = data->kind;
  guint *cover = &COVER (self, k, id);
  gboolean was = *cover > 0;
  gboolean is;

  /* The query took the polygon's whole bounds: keep only what is near the polygon itself. */
  if (data->area != NULL &&
      !(wm_geometry_distance_to_point (data->area, x, y) <= self->cfg->radius[k]))
    return;
  *cover += data->sign;
  is = *cover > 0;
  if (was != is)
    {
      gint64 n = (is ? 1 : -1) * mix_total (&site->proj);

      self->counts[site->area].covered[1][k] += n;
      TOTAL (self)->covered[1][k] += n;
    }
}

/* Margin (m) of the shortcuts below, far above rounding, so they decide only what the exact
 * distance decides the same way. */
#define SHORTCUT_MARGIN 1e-6

/* For a full recompute: counts the polygon's reach only; covered dwellings are added up after.
 * Sites well within the radius of the inner disc, or well outside the radius of the bounds,
 * need no distance to the polygon's edges. */
static void
bulk_cover_cb (guint    id,
               double   x,
               double   y,
               gpointer user_data)
{
  CoverData *data = user_data;
  double r = data->self->cfg->radius[data->kind];
  double dx = x - data->cx, dy = y - data->cy, d2 = dx * dx + dy * dy;
  double near = r + data->inner - SHORTCUT_MARGIN, far = r + data->outer + SHORTCUT_MARGIN;

  if (data->inner > 0 && d2 <= near * near)
    COVER (data->self, data->kind, id)++;
  else if ((data->inner > 0 && d2 > far * far) ||
           wm_bounds_distance_to_point (&data->area->bounds, x, y) > r + SHORTCUT_MARGIN)
    return;
  else if (wm_geometry_distance_to_point (data->area, x, y) <= r)
    COVER (data->self, data->kind, id)++;
}

/* The distance from (@x, @y) to the nearest edge of @g's rings. */
static double
edge_distance (const WmGeometry *g,
               double            x,
               double            y)
{
  double best = INFINITY;

  for (guint r = 0; r < g->n_rings; r++)
    for (guint i = g->ring_start[r]; i < g->ring_start[r + 1]; i++)
      {
        const WmPoint *a = &g->points[i];
        const WmPoint *b = &g->points[i + 1 < g->ring_start[r + 1] ? i + 1 : g->ring_start[r]];
        double dx = b->x - a->x, dy = b->y - a->y, len2 = dx * dx + dy * dy;
        double t = len2 > 0 ? CLAMP (((x - a->x) * dx + (y - a->y) * dy) / len2, 0.0, 1.0) : 0.0;

        best = MIN (best, hypot (a->x + t * dx - x, a->y + t * dy - y));
      }
  return best;
}

/* Makes a facility count (or no longer count) for coverage: only the dwellings within its
 * radius are visited. */
static void
set_facility_active (WmIndicatorEngine *self,
                     guint              index,
                     gboolean           active)
{
  Facility *f = &g_array_index (self->facilities, Facility, index);

  if (active)
    wm_spatial_index_insert (self->facility_spatial, index, f->x, f->y);
  else
    wm_spatial_index_remove (self->facility_spatial, index, f->x, f->y);
  for (guint k = 0; k < self->cfg->n_kinds; k++)
    if (f->kinds & (1u << k))
      {
        gboolean by_area = (self->cfg->area_kinds & (1u << k)) != 0;
        CoverData data = { self, k, active ? 1 : -1, by_area ? f->area : NULL };

        wm_spatial_index_query_radius (self->site_index, f->x, f->y,
                                       self->cfg->radius[k] + (by_area ? f->reach : 0.0),
                                       cover_site_cb, &data);
      }
}

/* Whether a polygon counting for kind @k reaches (@x, @y). */
static gboolean
area_reaches (WmIndicatorEngine *self,
              const WmGeometry  *area,
              int                k,
              double             x,
              double             y)
{
  double r = self->cfg->radius[k];

  return wm_bounds_distance_to_point (&area->bounds, x, y) <= r &&
         wm_geometry_distance_to_point (area, x, y) <= r;
}

typedef struct
{
  WmIndicatorEngine *self;
  const Site *site;
  guint index;
} SiteCoverData;

static void
count_facility_cb (guint    id,
                   double   x,
                   double   y,
                   gpointer user_data)
{
  SiteCoverData *data = user_data;
  WmIndicatorEngine *self = data->self;
  const Facility *f = &g_array_index (self->facilities, Facility, id);
  double dx = f->x - data->site->x, dy = f->y - data->site->y;

  for (guint k = 0; k < self->cfg->n_kinds; k++)
    {
      double r = self->cfg->radius[k];

      if (!(f->kinds & (1u << k)))
        continue;
      if (self->cfg->area_kinds & (1u << k)
            ? area_reaches (self, f->area, k, data->site->x, data->site->y)
            : dx * dx + dy * dy <= r * r)
        COVER (self, k, data->index)++;
    }
}

static guint
alloc_site (WmIndicatorEngine *self,
            double             x,
            double             y,
            gboolean           with_cover)
{
  WmArea *area = wm_plan_area_at (self->plan, x, y);
  Site site = { 0 };
  guint index;

  site.x = x;
  site.y = y;
  site.in_use = TRUE;
  site.area = OUTSIDE (self);
  if (area != NULL)
    site.area = GPOINTER_TO_INT (g_hash_table_lookup (self->area_index, wm_area_get_id (area))) - 1;
  for (guint g = 0; g < self->cfg->n_grids; g++)
    site.cell[g] = cell_index (self, g, x, y);

  if (self->free_sites->len > 0)
    {
      index = g_array_index (self->free_sites, guint, self->free_sites->len - 1);
      g_array_set_size (self->free_sites, self->free_sites->len - 1);
      g_array_index (self->sites, Site, index) = site;
      for (guint k = 0; k < self->cfg->n_kinds; k++)
        COVER (self, k, index) = 0;
    }
  else
    {
      index = self->sites->len;
      g_array_append_val (self->sites, site);
      for (guint k = 0; k < self->cfg->n_kinds; k++)
        g_array_set_size (self->cover[k], self->sites->len);
    }

  if (with_cover)
    {
      double max_r = 0;
      SiteCoverData data = { self, &g_array_index (self->sites, Site, index), index };

      for (guint k = 0; k < self->cfg->n_kinds; k++)
        max_r = MAX (max_r, self->cfg->radius[k]);
      wm_spatial_index_query_radius (self->facility_spatial, x, y, max_r + self->max_reach,
                                     count_facility_cb, &data);
      /* Few base map polygons count (large ones only): a scan is enough. */
      for (guint i = 0; i < self->area_features->len; i++)
        {
          const AreaFeature *a = &g_array_index (self->area_features, AreaFeature, i);

          if (area_reaches (self, a->geometry, a->kind, x, y))
            COVER (self, a->kind, index)++;
        }
    }
  wm_spatial_index_insert (self->site_index, index, x, y);

  return index;
}

static void
free_site (WmIndicatorEngine *self,
           guint              index)
{
  Site *site = &g_array_index (self->sites, Site, index);

  g_warn_if_fail (mix_total (&site->proj) == 0);
  wm_spatial_index_remove (self->site_index, index, site->x, site->y);
  site->in_use = FALSE;
  g_array_append_val (self->free_sites, index);
}

/* @area: the facility's polygon, for the kinds with a minimum area among @kinds. */
static guint
alloc_facility (WmIndicatorEngine *self,
                double             x,
                double             y,
                guint              kinds,
                WmGeometry        *area,
                gboolean           baseline)
{
  Facility f = { x, y, kinds, baseline, 0, TRUE, NULL, 0.0 };
  guint index;

  if (area != NULL)
    {
      const WmBounds *b = &area->bounds;

      f.area = wm_geometry_ref (area);
      f.reach = hypot (MAX (b->max_x - x, x - b->min_x), MAX (b->max_y - y, y - b->min_y));
      self->max_reach = MAX (self->max_reach, f.reach);
    }

  if (self->free_facilities->len > 0)
    {
      index = g_array_index (self->free_facilities, guint, self->free_facilities->len - 1);
      g_array_set_size (self->free_facilities, self->free_facilities->len - 1);
      g_array_index (self->facilities, Facility, index) = f;
    }
  else
    {
      index = self->facilities->len;
      g_array_append_val (self->facilities, f);
    }
  return index;
}

/* ---------------------------------------------------------------------------------------------
 * Proposals
 * ------------------------------------------------------------------------------------------ */

typedef struct
{
  const Site *sites;
  gconstpointer building;
  int site;
} FindBuildingData;

static void
find_building_cb (guint    id,
                  double   x,
                  double   y,
                  gpointer user_data)
{
  FindBuildingData *data = user_data;

  /* The last one, as a building listed twice would be by id. */
  if (data->sites[id].building == data->building)
    data->site = MAX (data->site, (int) id);
}

static int
building_site (WmIndicatorEngine *self,
               const char        *building_id)
{
  WmBuilding *building = wm_plan_find_building (self->plan, building_id);
  FindBuildingData data = { (const Site *) self->sites->data, building, -1 };
  WmPoint c;

  /* No map from building to site is kept (filling one costs more than the rest of a full
   * recompute): the site sits in the site index at the building's centroid. */
  if (building == NULL)
    return -1;
  c = wm_geometry_centroid (wm_building_get_footprint (building));
  wm_spatial_index_query_radius (self->site_index, c.x, c.y, 0.0, find_building_cb, &data);
  /* The footprint was changed in place since the last recompute. */
  for (guint i = self->n_buildings; data.site < 0 && i > 0; i--)
    if (data.sites[i - 1].building == building)
      data.site = i - 1;
  return data.site;
}

/* The kinds with a minimum area that @geometry does not qualify for: a point has no area, a
 * polygon must be large enough (and finite). */
static guint
area_kinds_missed (WmIndicatorEngine *self,
                   const WmGeometry  *geometry)
{
  gboolean polygon = geometry != NULL && (geometry->kind == WM_GEOMETRY_POLYGON ||
                                          geometry->kind == WM_GEOMETRY_MULTIPOLYGON) &&
                     isfinite (geometry->bounds.min_x) && isfinite (geometry->bounds.max_x) &&
                     isfinite (geometry->bounds.min_y) && isfinite (geometry->bounds.max_y);
  double area = polygon ? wm_geometry_area (geometry) : 0.0;
  guint missed = 0;

  for (guint k = 0; k < self->cfg->n_kinds; k++)
    if ((self->cfg->area_kinds & (1u << k)) && !(polygon && area >= self->cfg->min_area[k]))
      missed |= 1u << k;
  return missed;
}

/* Reads the proposal and places what it needs (own site, own facility). */
static void
record_build (Record *rec)
{
  WmIndicatorEngine *self = rec->engine;
  WmProposal *p = rec->proposal;
  const char *const *ids = wm_proposal_get_building_ids (p);
  WmGeometry *geometry = wm_proposal_get_geometry (p);

  rec->kind = wm_proposal_get_kind (p);
  rec->return_share = rec->kind == WM_PROPOSAL_DEMOLISH ? wm_proposal_get_return_share (p) : 0.0;
  rec->site = -1;
  rec->own_site = FALSE;
  rec->has_delta = FALSE;
  rec->facility = -1;
  rec->own_facility = FALSE;
  g_array_set_size (rec->demolished, 0);

  switch (rec->kind)
    {
    case WM_PROPOSAL_ADD_FACILITY:
      if (geometry != NULL && (guint) wm_proposal_get_facility_type (p) < WM_N_FACILITY_TYPES)
        {
          WmPoint c = wm_geometry_centroid (geometry);
          guint kinds = self->cfg->kinds_of_type[wm_proposal_get_facility_type (p)];

          kinds &= ~area_kinds_missed (self, geometry);
          rec->facility = alloc_facility (self, c.x, c.y, kinds,
                                          kinds & self->cfg->area_kinds ? geometry : NULL, FALSE);
          rec->own_facility = TRUE;
        }
      return;

    case WM_PROPOSAL_REMOVE_FACILITY:
      {
        const char *id = wm_proposal_get_facility_id (p);

        rec->facility = id != NULL
          ? GPOINTER_TO_INT (g_hash_table_lookup (self->facility_index, id)) - 1 : -1;
      }
      return;

    case WM_PROPOSAL_DEMOLISH:
      for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
        {
          int site = building_site (self, ids[i]);
          gboolean seen = FALSE;

          for (guint j = 0; j < rec->demolished->len; j++)
            seen |= g_array_index (rec->demolished, guint, j) == (guint) site;
          if (site >= 0 && !seen)
            {
              guint s = site;
              g_array_append_val (rec->demolished, s);
            }
        }
      /* Naming buildings removes their dwellings; the delta is used only without them. */
      if (ids != NULL && ids[0] != NULL)
        return;
      break;

    case WM_PROPOSAL_NEW_BUILD:
    case WM_PROPOSAL_CONVERT_TENURE:
    case WM_PROPOSAL_RENOVATE:
    case WM_PROPOSAL_TRANSFORM:
    case WM_PROPOSAL_SPLIT_MERGE:
    case WM_N_PROPOSAL_KINDS:
    default:
      break;
    }

  rec->has_delta = TRUE;
  rec->delta = *wm_proposal_get_dwelling_delta (p);
  for (guint i = 0; ids != NULL && ids[i] != NULL && rec->site < 0; i++)
    rec->site = building_site (self, ids[i]);
  if (rec->site < 0 && geometry != NULL)
    {
      WmPoint c = wm_geometry_centroid (geometry);

      rec->site = alloc_site (self, c.x, c.y, TRUE);
      rec->own_site = TRUE;
    }
}

/* A proposal whose delta changes a baseline building's dwellings (its site is the building's). */
static gboolean
acts_on_building (Record *rec)
{
  return rec->site >= 0 && !rec->own_site && (guint) rec->site < rec->engine->n_buildings &&
         (rec->kind == WM_PROPOSAL_CONVERT_TENURE || rec->kind == WM_PROPOSAL_RENOVATE ||
          rec->kind == WM_PROPOSAL_TRANSFORM || rec->kind == WM_PROPOSAL_SPLIT_MERGE);
}

static gint64
returners_of (double share,
              gint64 rehoused)
{
  return (gint64) floor (share * (double) rehoused + 0.5);
}

/* Who moves because of the record's delta: the net dwellings removed are rehoused, the
 * dwellings added bring newcomers. */
static void
record_people (Record *rec,
               int     sign)
{
  WmIndicatorEngine *self = rec->engine;
  Counts *total = TOTAL (self);
  Counts *area = &self->counts[rec->site >= 0
                               ? (guint) g_array_index (self->sites, Site, rec->site).area
                               : OUTSIDE (self)];
  gint64 removed = MAX (0, -mix_total (&rec->delta));
  gint64 added = rec->kind == WM_PROPOSAL_DEMOLISH ? 0 : positive_total (&rec->delta, NULL);

  area->rehouse += sign * removed;
  total->rehouse += sign * removed;
  area->newcomers += sign * added;
  total->newcomers += sign * added;
  if (rec->kind == WM_PROPOSAL_NEW_BUILD || rec->kind == WM_PROPOSAL_TRANSFORM)
    {
      gint64 affordable = positive_total (&rec->delta, self->affordable);

      area->new_build += sign * added;
      total->new_build += sign * added;
      area->new_build_affordable += sign * affordable;
      total->new_build_affordable += sign * affordable;
    }
}

static void
mark_site (WmIndicatorEngine *self,
           guint              index)
{
  Site *site = &g_array_index (self->sites, Site, index);

  if (site->dirty == 0)
    {
      g_array_append_val (self->dirty_sites, index);
      site->dirty = self->dirty_sites->len;
    }
}

static void
mark_record (Record *rec)
{
  if (rec != NULL && !rec->returners_dirty)
    {
      rec->returners_dirty = TRUE;
      g_ptr_array_add (rec->engine->dirty_records, rec);
    }
}

static void
add_returners (WmIndicatorEngine *self,
               int                area,
               gint64             r)
{
  self->counts[area].returners += r;
  TOTAL (self)->returners += r;
}

/* Recounts a demolition's returners: round (share × households it rehouses), per area of the
 * homes they leave, over the buildings it is the first demolition of; derive caps them at the
 * households rehoused. */
static void
record_settle_returners (Record *rec)
{
  WmIndicatorEngine *self = rec->engine;

  for (guint i = 0; i < rec->returners->len; i++)
    {
      AreaReturners *a = &g_array_index (rec->returners, AreaReturners, i);

      add_returners (self, a->area, -a->returners);
    }
  g_array_set_size (rec->returners, 0);
  if (!rec->applied || rec->return_share <= 0.0)
    return;

  for (guint i = 0; i < rec->demolished->len; i++)
    {
      const Site *site = &g_array_index (self->sites, Site,
                                         g_array_index (rec->demolished, guint, i));
      AreaReturners *a = NULL;

      if (site->first != rec)
        continue;
      for (guint j = 0; j < rec->returners->len && a == NULL; j++)
        if (g_array_index (rec->returners, AreaReturners, j).area == site->area)
          a = &g_array_index (rec->returners, AreaReturners, j);
      if (a == NULL)
        {
          AreaReturners none = { site->area, 0, 0 };

          g_array_append_val (rec->returners, none);
          a = &g_array_index (rec->returners, AreaReturners, rec->returners->len - 1);
        }
      a->rehoused += site->rehoused;
    }
  for (guint i = 0; i < rec->returners->len; i++)
    {
      AreaReturners *a = &g_array_index (rec->returners, AreaReturners, i);

      a->returners = returners_of (rec->return_share, a->rehoused);
      add_returners (self, a->area, a->returners);
    }
}

typedef struct
{
  Record *first;
  int year;
  guint position;
  WmDwellingMix before; /* deltas of the proposals acting on it before @first */
} SiteOrder;

/* Brings the order-dependent counts up to date: for every marked building, its first applied
 * demolition in the plan's order (wm-projection.h) rehouses what the building holds just
 * before it (baseline plus the deltas acting on it before), as the checklist counts; then the
 * returners of the demolitions concerned. Only applied records count, so replaying the plan
 * in order (contributions) counts each demolition when it happens. TRUE when a count moved. */
static gboolean
settle_demolitions (WmIndicatorEngine *self)
{
  GListModel *buildings = wm_plan_get_buildings (self->plan);
  guint n = self->dirty_sites->len;
  g_autofree SiteOrder *order = NULL;
  gboolean changed = FALSE;

  if (n == 0 && self->dirty_records->len == 0)
    return FALSE;

  order = g_new0 (SiteOrder, MAX (n, 1));
  for (guint i = 0; i < self->records->len && n > 0; i++)
    {
      Record *rec = g_ptr_array_index (self->records, i);
      int year;

      if (!rec->applied || rec->demolished->len == 0)
        continue;
      year = wm_proposal_get_year (rec->proposal);
      for (guint j = 0; j < rec->demolished->len; j++)
        {
          const Site *site = &g_array_index (self->sites, Site,
                                             g_array_index (rec->demolished, guint, j));
          SiteOrder *o = site->dirty > 0 ? &order[site->dirty - 1] : NULL;

          if (o != NULL && (o->first == NULL ||
                            wm_projection_compare (year, i, o->year, o->position) < 0))
            {
              o->first = rec;
              o->year = year;
              o->position = i;
            }
        }
    }
  for (guint i = 0; i < self->records->len && n > 0; i++)
    {
      Record *rec = g_ptr_array_index (self->records, i);
      const Site *site;
      SiteOrder *o;

      gboolean dead;

      if (!rec->applied || !rec->has_delta || !acts_on_building (rec))
        continue;
      site = &g_array_index (self->sites, Site, rec->site);
      if (site->dirty == 0)
        continue;
      o = &order[site->dirty - 1];
      dead = o->first != NULL && wm_projection_compare (wm_proposal_get_year (rec->proposal), i,
                                                        o->year, o->position) > 0;
      if (o->first != NULL && !dead)
        wm_dwelling_mix_add (&o->before, &rec->delta);
      if (dead != rec->dead)
        {
          record_people (rec, dead ? -1 : +1);
          rec->dead = dead;
          changed = TRUE;
        }
    }

  for (guint k = 0; k < n; k++)
    {
      guint index = g_array_index (self->dirty_sites, guint, k);
      Site *site = &g_array_index (self->sites, Site, index);
      SiteOrder *o = &order[k];
      gint64 rehoused = 0;

      site->dirty = 0;
      if (o->first != NULL)
        {
          g_autoptr(WmBuilding) building = g_list_model_get_item (buildings, index);
          WmDwellingMix mix = *wm_building_get_dwellings (building);

          wm_dwelling_mix_add (&mix, &o->before);
          rehoused = positive_total (&mix, NULL);
        }
      if (o->first == site->first && rehoused == site->rehoused)
        continue;
      self->counts[site->area].rehouse += rehoused - site->rehoused;
      TOTAL (self)->rehouse += rehoused - site->rehoused;
      mark_record (site->first);
      mark_record (o->first);
      site->first = o->first;
      site->rehoused = rehoused;
      changed = TRUE;
    }
  g_array_set_size (self->dirty_sites, 0);

  for (guint i = 0; i < self->dirty_records->len; i++)
    {
      Record *rec = g_ptr_array_index (self->dirty_records, i);

      rec->returners_dirty = FALSE;
      record_settle_returners (rec);
      changed = TRUE;
    }
  g_ptr_array_set_size (self->dirty_records, 0);

  if (changed)
    self->returners_valid = FALSE;
  return changed;
}

/* Returners of a demolition without named buildings: its delta's removed dwellings. */
static void
record_returners (Record *rec,
                  int     sign)
{
  WmIndicatorEngine *self = rec->engine;

  if (rec->return_share > 0.0 && rec->has_delta)
    {
      int area = rec->site >= 0 ? g_array_index (self->sites, Site, rec->site).area
                                : (int) OUTSIDE (self);

      add_returners (self, area,
                     sign * returners_of (rec->return_share, MAX (0, -mix_total (&rec->delta))));
    }
}

/* Applies (+1) or undoes (-1) the record. What depends on the plan's order (households a
 * demolition rehouses, its returners) is only marked here: settle_demolitions() counts it. */
static void
record_effect (Record *rec,
               int     sign)
{
  WmIndicatorEngine *self = rec->engine;

  self->returners_valid = FALSE;
  record_returners (rec, sign);
  rec->applied = sign > 0;
  if (sign < 0)
    {
      /* Undone now, so that a record can go before the next settle. */
      record_settle_returners (rec);
      if (rec->returners_dirty)
        {
          g_ptr_array_remove_fast (self->dirty_records, rec);
          rec->returners_dirty = FALSE;
        }
    }
  else if (rec->demolished->len > 0)
    mark_record (rec);

  for (guint i = 0; i < rec->demolished->len; i++)
    {
      guint index = g_array_index (rec->demolished, guint, i);
      Site *site = &g_array_index (self->sites, Site, index);
      g_autoptr(WmBuilding) building = NULL;
      WmDwellingMix base;
      gboolean change;

      if (sign < 0 && site->first == rec)
        site->first = NULL;
      mark_site (self, index);
      change = sign > 0 ? site->demolished++ == 0 : --site->demolished == 0;
      if (!change)
        continue;
      building = g_list_model_get_item (wm_plan_get_buildings (self->plan), index);
      base = *wm_building_get_dwellings (building);
      /* A second demolition of the same building removes nothing more. */
      add_mix_at (self, index, &base, -sign);
      {
        WmDwellingMix acting = site->acting;

        add_mix_at (self, index, &acting, -sign);
      }
    }

  if (rec->has_delta)
    {
      if (acts_on_building (rec))
        {
          Site *site = &g_array_index (self->sites, Site, rec->site);

          for (guint s = 0; s < WM_N_SEGMENTS; s++)
            site->acting.counts[s] += sign * rec->delta.counts[s];
          mark_site (self, rec->site);
          if (site->demolished == 0)
            add_mix_at (self, rec->site, &rec->delta, sign);
        }
      else
        add_mix_at (self, rec->site, &rec->delta, sign);
      if (!rec->dead)
        record_people (rec, sign);
      if (sign < 0)
        rec->dead = FALSE;
    }

  if (rec->facility >= 0)
    {
      Facility *f = &g_array_index (self->facilities, Facility, rec->facility);

      if (rec->own_facility)
        set_facility_active (self, rec->facility, sign > 0);
      else if (sign > 0 ? f->removed++ == 0 : --f->removed == 0)
        set_facility_active (self, rec->facility, sign < 0);
    }
}

static void
record_release (Record *rec)
{
  if (rec->own_site)
    free_site (rec->engine, rec->site);
  if (rec->own_facility)
    {
      Facility *f = &g_array_index (rec->engine->facilities, Facility, rec->facility);

      f->in_use = FALSE;
      g_clear_pointer (&f->area, wm_geometry_unref);
      g_array_append_val (rec->engine->free_facilities, rec->facility);
    }
  rec->own_site = rec->own_facility = FALSE;
  rec->site = rec->facility = -1;
  rec->has_delta = FALSE;
  g_array_set_size (rec->demolished, 0);
}

/* Whether the record's proposal counts at the engine's year (wm-timeline.h). */
static gboolean
record_counts (Record *rec)
{
  return wm_timeline_completed_by (rec->proposal, rec->engine->year);
}

static void
proposal_notify_cb (WmProposal *proposal,
                    GParamSpec *pspec,
                    Record     *rec)
{
  WmIndicatorEngine *self = rec->engine;

  /* Name and note change no indicator. */
  if (g_str_equal (pspec->name, "name") || g_str_equal (pspec->name, "note") ||
      g_str_equal (pspec->name, "start-year"))
    return;
  /* The year moves the proposal in the plan's order: what its buildings hold just before a
   * demolition may change. It may also move the proposal across the engine's year. */
  if (g_str_equal (pspec->name, "year"))
    {
      gboolean counts = record_counts (rec);
      gboolean crossed = counts != rec->applied;

      if (crossed)
        record_effect (rec, counts ? +1 : -1);
      for (guint i = 0; i < rec->demolished->len; i++)
        mark_site (self, g_array_index (rec->demolished, guint, i));
      if (rec->has_delta && acts_on_building (rec))
        mark_site (self, rec->site);
      if (settle_demolitions (self) || crossed)
        g_signal_emit (self, signals[CHANGED], 0);
      return;
    }

  if (rec->applied)
    record_effect (rec, -1);
  record_release (rec);
  record_build (rec);
  if (record_counts (rec))
    record_effect (rec, +1);
  settle_demolitions (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static Record *
record_new (WmIndicatorEngine *self,
            WmProposal        *proposal)
{
  Record *rec = g_new0 (Record, 1);

  rec->engine = self;
  rec->proposal = g_object_ref (proposal);
  rec->demolished = g_array_new (FALSE, FALSE, sizeof (guint));
  rec->returners = g_array_new (FALSE, FALSE, sizeof (AreaReturners));
  record_build (rec);
  /* A proposal completed after the engine's year is built (its site and facility placed) but
   * not applied: moving the year applies it by its delta. */
  if (record_counts (rec))
    record_effect (rec, +1);
  g_signal_connect (proposal, "notify", G_CALLBACK (proposal_notify_cb), rec);

  return rec;
}

/* Undoes the record's effect. */
static void
record_free (gpointer data)
{
  Record *rec = data;

  g_signal_handlers_disconnect_by_func (rec->proposal, proposal_notify_cb, rec);
  if (rec->applied)
    record_effect (rec, -1);
  record_release (rec);
  g_array_unref (rec->demolished);
  g_array_unref (rec->returners);
  g_object_unref (rec->proposal);
  g_free (rec);
}

/* Dropping records without undoing them, before a full recompute. */
static void
records_forget (WmIndicatorEngine *self)
{
  for (guint i = 0; i < self->records->len; i++)
    {
      Record *rec = g_ptr_array_index (self->records, i);

      g_signal_handlers_disconnect_by_func (rec->proposal, proposal_notify_cb, rec);
      g_array_unref (rec->demolished);
      g_array_unref (rec->returners);
      g_object_unref (rec->proposal);
      g_free (rec);
    }
  g_ptr_array_set_free_func (self->records, NULL);
  g_ptr_array_set_size (self->records, 0);
  g_ptr_array_set_free_func (self->records, record_free);
  g_array_set_size (self->dirty_sites, 0);
  g_ptr_array_set_size (self->dirty_records, 0);
}

static void
proposals_changed_cb (GListModel        *model,
                      guint              position,
                      guint              removed,
                      guint              added,
                      WmIndicatorEngine *self)
{
  g_ptr_array_remove_range (self->records, position, removed);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(WmProposal) proposal = g_list_model_get_item (model, position + i);

      g_ptr_array_insert (self->records, position + i, record_new (self, proposal));
    }
  settle_demolitions (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
apply_scenario (WmIndicatorEngine *self)
{
  GListModel *proposals = wm_scenario_get_proposals (self->scenario);
  guint n = g_list_model_get_n_items (proposals);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmProposal) proposal = g_list_model_get_item (proposals, i);

      g_ptr_array_add (self->records, record_new (self, proposal));
    }
  settle_demolitions (self);
  g_signal_connect (proposals, "items-changed", G_CALLBACK (proposals_changed_cb), self);
}

static void
unwatch_scenario (WmIndicatorEngine *self)
{
  if (self->scenario != NULL)
    g_signal_handlers_disconnect_by_func (wm_scenario_get_proposals (self->scenario),
                                          proposals_changed_cb, self);
}

/* ---------------------------------------------------------------------------------------------
 * Full recompute
 * ------------------------------------------------------------------------------------------ */

/* Starts loading what full_recompute reads of the building @distance places before the last
 * one in @list: first the object, then its footprint, then the footprint's arrays and the
 * area id. Reading scattered objects dominates a full recompute. */
static void
prefetch_buildings (GPtrArray *list,
                    guint      i)
{
  if (i < list->len)
    __builtin_prefetch (g_ptr_array_index (list, i));
  if (i >= 8 && i - 8 < list->len)
    __builtin_prefetch (wm_building_get_footprint (g_ptr_array_index (list, i - 8)));
  if (i >= 16 && i - 16 < list->len)
    {
      WmBuilding *building = g_ptr_array_index (list, i - 16);
      const WmGeometry *g = wm_building_get_footprint (building);

      if (g != NULL)
        {
          __builtin_prefetch (g->points);
          __builtin_prefetch (g->ring_start);
          __builtin_prefetch (g->polygon_start);
        }
      __builtin_prefetch (wm_building_get_area_id (building));
    }
}

static gboolean
collect_building_cb (gconstpointer item,
                     gconstpointer unused,
                     gpointer      user_data)
{
  GPtrArray *list = user_data;

  g_ptr_array_add (list, (gpointer) item);
  /* The walk waits on its own pointers: loading the buildings meanwhile is free. */
  prefetch_buildings (list, list->len - 1);
  return FALSE;
}

/* The buildings of @model. A GListStore's are borrowed, collected in one walk: fetching them
 * one by one costs a tree step and two atomic operations on a cold object each. */
static GPtrArray *
model_buildings (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);
  GPtrArray *items = g_ptr_array_sized_new (n);

  if (G_IS_LIST_STORE (model) && n > 0)
    {
      g_autoptr(GObject) first = g_list_model_get_item (model, 0);
      guint position;

      /* Never equal: visits every item. */
      g_list_store_find_with_equal_func_full (G_LIST_STORE (model), first,
                                              collect_building_cb, items, &position);
      if (items->len == n)
        return items;
      g_ptr_array_set_size (items, 0);
    }

  g_ptr_array_set_free_func (items, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  return items;
}

static void
reset_state (WmIndicatorEngine *self)
{
  records_forget (self);
  g_hash_table_remove_all (self->area_index);
  g_hash_table_remove_all (self->facility_index);
  g_array_set_size (self->sites, 0);
  self->n_buildings = 0;
  g_array_set_size (self->free_sites, 0);
  g_array_set_size (self->facilities, 0);
  g_array_set_size (self->free_facilities, 0);
  g_array_set_size (self->area_features, 0);
  self->max_reach = 0.0;
  self->returners_valid = FALSE;
  g_clear_pointer (&self->returners_in, g_free);
  wm_spatial_index_clear (self->site_index);
  wm_spatial_index_clear (self->facility_spatial);
  for (guint k = 0; k < self->cfg->n_kinds; k++)
    g_array_set_size (self->cover[k], 0);
  for (guint g = 0; g < self->cfg->n_grids; g++)
    grid_clear (&self->grids[g]);
  g_clear_pointer (&self->counts, g_free);
}

/* Base map polygons large enough for a kind that counts them (green areas of at least 1 ha)
 * are part of the baseline: kept for sites placed later, and counted for the buildings. */
static void
count_basemap_areas (WmIndicatorEngine *self)
{
  WmBasemap *basemap = wm_plan_get_basemap (self->plan);

  for (guint k = 0; k < self->cfg->n_kinds; k++)
    for (guint c = 0; c < WM_N_BASEMAP_CLASSES; c++)
      {
        GPtrArray *features;

        if (!self->cfg->basemap[k][c])
          continue;
        features = wm_basemap_get_features (basemap, c);
        for (guint i = 0; features != NULL && i < features->len; i++)
          {
            WmBasemapFeature *feature = g_ptr_array_index (features, i);
            WmGeometry *g = feature->geometry;
            AreaFeature a = { g, k };
            CoverData data = { self, k, 1, g };
            double cx, cy;

            if (g == NULL || (area_kinds_missed (self, g) & (1u << k)) ||
                (g->kind != WM_GEOMETRY_POLYGON && g->kind != WM_GEOMETRY_MULTIPOLYGON) ||
                (feature->kind != NULL && self->cfg->basemap_exclude[k] != NULL &&
                 g_strv_contains ((const char *const *) self->cfg->basemap_exclude[k],
                                  feature->kind)))
              continue;
            a.geometry = wm_geometry_ref (g);
            g_array_append_val (self->area_features, a);
            /* A disc round the centroid, when inside, up to the nearest edge is all polygon. */
            {
              WmPoint centre = wm_geometry_centroid (g);

              if (wm_geometry_contains_point (g, centre.x, centre.y))
                {
                  data.cx = centre.x;
                  data.cy = centre.y;
                  data.inner = MAX (0.0, edge_distance (g, centre.x, centre.y) - SHORTCUT_MARGIN);
                  for (guint v = 0; v < g->n_points; v++)
                    data.outer = MAX (data.outer, hypot (g->points[v].x - centre.x,
                                                         g->points[v].y - centre.y));
                }
            }
            /* The sites within the radius of the bounds, then by distance to the polygon. */
            cx = (g->bounds.min_x + g->bounds.max_x) / 2;
            cy = (g->bounds.min_y + g->bounds.max_y) / 2;
            wm_spatial_index_query_radius (self->site_index, cx, cy,
                                           self->cfg->radius[k] +
                                             hypot (g->bounds.max_x - cx, g->bounds.max_y - cy),
                                           bulk_cover_cb, &data);
          }
      }
}

static void
full_recompute (WmIndicatorEngine *self)
{
  GListModel *areas = wm_plan_get_areas (self->plan);
  GListModel *buildings = wm_plan_get_buildings (self->plan);
  GListModel *facilities = wm_plan_get_facilities (self->plan);
  guint n_buildings = g_list_model_get_n_items (buildings);
  guint n_facilities = g_list_model_get_n_items (facilities);
  const char *last_area_id = NULL;
  int last_area = 0;
  GArray *xs[MAX_KINDS], *ys[MAX_KINDS]; /* double: facility locations per kind */
  GPtrArray *list;
  Counts *total;

  reset_state (self);
  for (guint k = 0; k < self->cfg->n_kinds; k++)
    {
      xs[k] = g_array_new (FALSE, FALSE, sizeof (double));
      ys[k] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  self->n_areas = g_list_model_get_n_items (areas);
  self->counts = g_new0 (Counts, self->n_areas + 2);
  total = TOTAL (self);
  for (guint i = 0; i < self->n_areas; i++)
    {
      g_autoptr(WmArea) area = g_list_model_get_item (areas, i);

      g_hash_table_insert (self->area_index, (gpointer) wm_area_get_id (area),
                           GUINT_TO_POINTER (i + 1));
    }

  /* Baseline buildings are sites 0 .. n_buildings - 1, in the plan's order. */
  g_array_set_size (self->sites, n_buildings);
  self->n_buildings = n_buildings;
  for (guint k = 0; k < self->cfg->n_kinds; k++)
    g_array_set_size (self->cover[k], n_buildings);
  list = model_buildings (buildings);
  for (guint i = 0; i < n_buildings; i++)
    {
      WmBuilding *building = g_ptr_array_index (list, i);
      const char *area_id = wm_building_get_area_id (building);
      Site *site = &g_array_index (self->sites, Site, i);
      WmPoint c;
      Counts *area;
      gint64 n, social;

      prefetch_buildings (list, i + 24);

      c = wm_geometry_centroid (wm_building_get_footprint (building));
      memset (site, 0, sizeof *site);
      site->x = c.x;
      site->y = c.y;
      site->in_use = TRUE;
      site->area = OUTSIDE (self);
      /* Buildings of one area mostly come together: compare with the previous one first. */
      if (area_id != NULL && last_area_id != NULL && strcmp (area_id, last_area_id) == 0)
        site->area = last_area;
      else if (area_id != NULL)
        {
          gpointer index = g_hash_table_lookup (self->area_index, area_id);

          if (index != NULL)
            site->area = GPOINTER_TO_INT (index) - 1;
          last_area_id = area_id;
          last_area = site->area;
        }
      site->proj = *wm_building_get_dwellings (building);
      memset (&site->acting, 0, sizeof site->acting);
      site->building = building;

      area = &self->counts[site->area];
      for (guint s = 0; s < WM_N_SEGMENTS; s++)
        {
          area->mix[1][s] += site->proj.counts[s];
          total->mix[1][s] += site->proj.counts[s];
        }
      n = mix_total (&site->proj);
      social = site->proj.counts[WM_SEGMENT_SOCIAL_RENT];
      for (guint g = 0; g < self->cfg->n_grids; g++)
        {
          CellCounts *cell;

          site->cell[g] = cell_index (self, g, c.x, c.y);
          cell = &g_array_index (self->grids[g].counts, CellCounts, site->cell[g]);
          cell->social[1] += social;
          cell->other[1] += n - social;
        }
    }
  g_clear_pointer (&list, g_ptr_array_unref);
  if (n_buildings > 0)
    wm_spatial_index_insert_many (self->site_index, 0, n_buildings,
                                  &g_array_index (self->sites, Site, 0).x,
                                  &g_array_index (self->sites, Site, 0).y, sizeof (Site));

  /* Coverage: count the facilities reaching each site in bulk, per kind, then add up the
   * covered dwellings once per site (the same counts set_facility_active would leave). */
  for (guint i = 0; i < n_facilities; i++)
    {
      g_autoptr(WmFacility) facility = g_list_model_get_item (facilities, i);
      WmPoint p = wm_facility_get_location (facility);
      /* A facility of the plan is a point: no area, so not for kinds that need one. */
      guint kinds = self->cfg->kinds_of_type[wm_facility_get_facility_type (facility)] &
                    ~self->cfg->area_kinds;
      guint index = alloc_facility (self, p.x, p.y, kinds, NULL, TRUE);

      g_hash_table_insert (self->facility_index, (gpointer) wm_facility_get_id (facility),
                           GUINT_TO_POINTER (index + 1));
      wm_spatial_index_insert (self->facility_spatial, index, p.x, p.y);
      for (guint k = 0; k < self->cfg->n_kinds; k++)
        if (kinds & (1u << k))
          {
            g_array_append_val (xs[k], p.x);
            g_array_append_val (ys[k], p.y);
          }
    }
  for (guint k = 0; k < self->cfg->n_kinds && n_buildings > 0; k++)
    wm_spatial_index_count_radius_many (self->site_index, (double *) xs[k]->data,
                                        (double *) ys[k]->data, xs[k]->len,
                                        self->cfg->radius[k], &COVER (self, k, 0));
  for (guint k = 0; k < self->cfg->n_kinds; k++)
    {
      g_array_unref (xs[k]);
      g_array_unref (ys[k]);
    }
  count_basemap_areas (self);
  for (guint i = 0; i < n_buildings && (n_facilities > 0 || self->area_features->len > 0); i++)
    {
      const Site *site = &g_array_index (self->sites, Site, i);
      Counts *area = &self->counts[site->area];
      gint64 n = mix_total (&site->proj);

      for (guint k = 0; k < self->cfg->n_kinds; k++)
        if (COVER (self, k, i) > 0)
          {
            area->covered[1][k] += n;
            total->covered[1][k] += n;
          }
    }

  /* The baseline is the state before any proposal. */
  for (guint a = 0; a < self->n_areas + 2; a++)
    {
      Counts *c = &self->counts[a];

      memcpy (c->mix[0], c->mix[1], sizeof c->mix[0]);
      memcpy (c->covered[0], c->covered[1], sizeof c->covered[0]);
    }
  for (guint g = 0; g < self->cfg->n_grids; g++)
    for (guint i = 0; i < self->grids[g].counts->len; i++)
      {
        CellCounts *cell = &g_array_index (self->grids[g].counts, CellCounts, i);

        cell->social[0] = cell->social[1];
        cell->other[0] = cell->other[1];
      }

  apply_scenario (self);
}

static void
baseline_changed_cb (GListModel        *model,
                     guint              position,
                     guint              removed,
                     guint              added,
                     WmIndicatorEngine *self)
{
  /* A replaced baseline changes three lists at once: one recompute, on "baseline-replaced". */
  if (wm_plan_get_replacing_baseline (self->plan))
    return;
  wm_indicator_engine_recompute (self);
}

static void
baseline_replaced_cb (WmPlan            *plan,
                      WmIndicatorEngine *self)
{
  wm_indicator_engine_recompute (self);
}

/* ---------------------------------------------------------------------------------------------
 * GObject
 * ------------------------------------------------------------------------------------------ */

static void
targets_changed_cb (WmIndicatorEngine *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
drop_dissimilarity_cache (WmIndicatorEngine *self)
{
  memset (self->d_cached, 0, sizeof self->d_cached);
}

static void
wm_indicator_engine_dispose (GObject *object)
{
  WmIndicatorEngine *self = WM_INDICATOR_ENGINE (object);

  unwatch_scenario (self);
  if (self->records != NULL)
    records_forget (self);
  if (self->plan != NULL)
    {
      g_signal_handlers_disconnect_by_func (wm_targets_get_for_plan (self->plan),
                                            targets_changed_cb, self);
      g_signal_handlers_disconnect_by_func (wm_plan_get_areas (self->plan), baseline_changed_cb,
                                            self);
      g_signal_handlers_disconnect_by_func (wm_plan_get_buildings (self->plan),
                                            baseline_changed_cb, self);
      g_signal_handlers_disconnect_by_func (wm_plan_get_facilities (self->plan),
                                            baseline_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->plan, baseline_replaced_cb, self);
    }
  g_clear_object (&self->scenario);
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (wm_indicator_engine_parent_class)->dispose (object);
}

static void
wm_indicator_engine_finalize (GObject *object)
{
  WmIndicatorEngine *self = WM_INDICATOR_ENGINE (object);

  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->dirty_sites, g_array_unref);
  g_clear_pointer (&self->dirty_records, g_ptr_array_unref);
  g_clear_pointer (&self->area_index, g_hash_table_unref);
  g_clear_pointer (&self->facility_index, g_hash_table_unref);
  g_clear_pointer (&self->sites, g_array_unref);
  for (guint k = 0; k < MAX_KINDS; k++)
    g_clear_pointer (&self->cover[k], g_array_unref);
  g_clear_pointer (&self->free_sites, g_array_unref);
  g_clear_pointer (&self->facilities, g_array_unref);
  g_clear_pointer (&self->free_facilities, g_array_unref);
  g_clear_pointer (&self->area_features, g_array_unref);
  g_clear_pointer (&self->returners_in, g_free);
  g_clear_pointer (&self->site_index, wm_spatial_index_free);
  g_clear_pointer (&self->facility_spatial, wm_spatial_index_free);
  for (guint g = 0; g < MAX_GRIDS; g++)
    {
      g_clear_pointer (&self->grids[g].slots, g_free);
      g_clear_pointer (&self->grids[g].counts, g_array_unref);
    }
  g_clear_pointer (&self->counts, g_free);

  G_OBJECT_CLASS (wm_indicator_engine_parent_class)->finalize (object);
}

static void
wm_indicator_engine_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  WmIndicatorEngine *self = WM_INDICATOR_ENGINE (object);

  switch (prop_id)
    {
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_indicator_engine_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  WmIndicatorEngine *self = WM_INDICATOR_ENGINE (object);

  switch (prop_id)
    {
    case PROP_YEAR:
      wm_indicator_engine_set_year (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_indicator_engine_class_init (WmIndicatorEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wm_indicator_engine_dispose;
  object_class->finalize = wm_indicator_engine_finalize;
  object_class->get_property = wm_indicator_engine_get_property;
  object_class->set_property = wm_indicator_engine_set_property;

  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, WM_INDICATOR_ALL_YEARS,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Every change of the counts is announced by "changed": its class handler runs first and
   * drops the cached chance levels before any handler reads them. */
  signals[CHANGED] =
    g_signal_new_class_handler ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_FIRST,
                                G_CALLBACK (drop_dissimilarity_cache), NULL, NULL, NULL,
                                G_TYPE_NONE, 0);
}

static void
facility_clear (gpointer data)
{
  g_clear_pointer (&((Facility *) data)->area, wm_geometry_unref);
}

static void
area_feature_clear (gpointer data)
{
  g_clear_pointer (&((AreaFeature *) data)->geometry, wm_geometry_unref);
}

static void
wm_indicator_engine_init (WmIndicatorEngine *self)
{
  WmSegmentTable *table = wm_segment_table_get_default ();

  self->cfg = get_config ();
  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    self->affordable[s] = wm_segment_table_is_affordable (table, s);
  self->area_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->facility_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->sites = g_array_new (FALSE, FALSE, sizeof (Site));
  for (guint k = 0; k < self->cfg->n_kinds; k++)
    self->cover[k] = g_array_new (FALSE, TRUE, sizeof (guint));
  self->free_sites = g_array_new (FALSE, FALSE, sizeof (guint));
  self->facilities = g_array_new (FALSE, FALSE, sizeof (Facility));
  g_array_set_clear_func (self->facilities, facility_clear);
  self->free_facilities = g_array_new (FALSE, FALSE, sizeof (guint));
  self->area_features = g_array_new (FALSE, FALSE, sizeof (AreaFeature));
  g_array_set_clear_func (self->area_features, area_feature_clear);
  self->site_index = wm_spatial_index_new (SITE_BUCKET);
  self->facility_spatial = wm_spatial_index_new (FACILITY_BUCKET);
  for (guint g = 0; g < self->cfg->n_grids; g++)
    {
      self->grids[g].counts = g_array_new (FALSE, FALSE, sizeof (CellCounts));
    }
  self->records = g_ptr_array_new_with_free_func (record_free);
  self->dirty_sites = g_array_new (FALSE, FALSE, sizeof (guint));
  self->dirty_records = g_ptr_array_new ();
}

WmIndicatorEngine *
wm_indicator_engine_new (WmPlan     *plan,
                         WmScenario *scenario)
{
  WmIndicatorEngine *self;

  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);
  g_return_val_if_fail (scenario == NULL || WM_IS_SCENARIO (scenario), NULL);

  self = g_object_new (WM_TYPE_INDICATOR_ENGINE, NULL);
  self->plan = g_object_ref (plan);
  self->scenario = g_object_ref (scenario != NULL ? scenario : wm_plan_get_active_scenario (plan));
  g_signal_connect (wm_plan_get_areas (plan), "items-changed", G_CALLBACK (baseline_changed_cb),
                    self);
  g_signal_connect (wm_plan_get_buildings (plan), "items-changed",
                    G_CALLBACK (baseline_changed_cb), self);
  g_signal_connect (wm_plan_get_facilities (plan), "items-changed",
                    G_CALLBACK (baseline_changed_cb), self);
  g_signal_connect (plan, "baseline-replaced", G_CALLBACK (baseline_replaced_cb), self);
  /* Target statuses are part of what the engine answers: a new target is a change. */
  g_signal_connect_swapped (wm_targets_get_for_plan (plan), "notify", G_CALLBACK (targets_changed_cb),
                            self);
  full_recompute (self);

  return self;
}

WmPlan *
wm_indicator_engine_get_plan (WmIndicatorEngine *self)
{
  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (self), NULL);
  return self->plan;
}

WmScenario *
wm_indicator_engine_get_scenario (WmIndicatorEngine *self)
{
  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (self), NULL);
  return self->scenario;
}

void
wm_indicator_engine_set_scenario (WmIndicatorEngine *self,
                                  WmScenario        *scenario)
{
  g_return_if_fail (WM_IS_INDICATOR_ENGINE (self));
  g_return_if_fail (WM_IS_SCENARIO (scenario));

  if (scenario == self->scenario)
    return;

  unwatch_scenario (self);
  /* Removing the records undoes them one by one. */
  g_ptr_array_set_size (self->records, 0);
  g_set_object (&self->scenario, scenario);
  apply_scenario (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Applies the records whose proposal counts at @year and undoes those that no longer do: only
 * the proposals completed between the old and the new year change anything, since the
 * proposals completed by a year come first in the plan's order. Emits nothing. */
static void
move_to_year (WmIndicatorEngine *self,
              int                year)
{
  self->year = year;
  for (guint i = 0; i < self->records->len; i++)
    {
      Record *rec = g_ptr_array_index (self->records, i);
      gboolean counts = record_counts (rec);

      if (counts != rec->applied)
        record_effect (rec, counts ? +1 : -1);
    }
  settle_demolitions (self);
}

void
wm_indicator_engine_set_year (WmIndicatorEngine *self,
                              int                year)
{
  g_return_if_fail (WM_IS_INDICATOR_ENGINE (self));
  g_return_if_fail (year >= 0);

  if (year == self->year)
    return;
  move_to_year (self, year);
  g_signal_emit (self, signals[CHANGED], 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
}

int
wm_indicator_engine_get_year (WmIndicatorEngine *self)
{
  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (self), WM_INDICATOR_ALL_YEARS);
  return self->year;
}

gboolean
wm_indicator_engine_counts_proposal (WmIndicatorEngine *self,
                                     WmProposal        *proposal)
{
  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (self), FALSE);
  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), FALSE);
  return wm_timeline_completed_by (proposal, self->year);
}

GArray *
wm_indicator_engine_get_series (WmIndicatorEngine *self,
                                const char *const *keys,
                                const char        *area_id,
                                int                first_year,
                                int                last_year)
{
  guint n_keys = keys != NULL ? g_strv_length ((char **) keys) : 0;
  guint n_years = last_year >= first_year ? (guint) (last_year - first_year + 1) : 0;
  GArray *values = g_array_sized_new (FALSE, FALSE, sizeof (double), n_keys * n_years);
  int year;

  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (self), values);

  g_array_set_size (values, n_keys * n_years);
  if (n_keys == 0 || n_years == 0)
    return values;
  /* Quietly, year by year by deltas, and back: the counts end exactly as they were, so
   * nothing cached from them (the chance levels of D) goes stale. */
  year = self->year;
  for (guint y = 0; y < n_years; y++)
    {
      move_to_year (self, first_year + (int) y);
      for (guint k = 0; k < n_keys; k++)
        g_array_index (values, double, k * n_years + y) =
          wm_indicator_engine_is_defined (self, keys[k], area_id, WM_INDICATOR_PROJECTED)
            ? wm_indicator_engine_get (self, keys[k], area_id, WM_INDICATOR_PROJECTED)
            : NAN;
    }
  move_to_year (self, year);
  return values;
}

static GArray *replay_contributions (WmIndicatorEngine *self, const char *key,
                                     const char *area_id, gboolean whole_plan);

GArray *
wm_indicator_engine_get_plan_contributions (WmIndicatorEngine *self,
                                            const char        *key,
                                            const char        *area_id)
{
  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  return replay_contributions (self, key, area_id, TRUE);
}

void
wm_indicator_engine_recompute (WmIndicatorEngine *self)
{
  g_return_if_fail (WM_IS_INDICATOR_ENGINE (self));

  unwatch_scenario (self);
  full_recompute (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ---------------------------------------------------------------------------------------------
 * Derived indicators
 * ------------------------------------------------------------------------------------------ */

const char *const *
wm_indicator_engine_get_keys (WmIndicatorEngine *self,
                              gboolean           for_total)
{
  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (self), NULL);
  return (const char *const *) (for_total ? self->cfg->keys_total : self->cfg->keys_area);
}

const char *const *
wm_indicator_engine_get_coverage_kinds (WmIndicatorEngine *self)
{
  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (self), NULL);
  return (const char *const *) self->cfg->kind_keys;
}

static int
find_kind (const Config *cfg,
           const char   *kind)
{
  for (guint k = 0; k < cfg->n_kinds; k++)
    if (g_strcmp0 (cfg->kind_keys[k], kind) == 0)
      return k;
  return -1;
}

double
wm_indicator_engine_get_coverage_radius (WmIndicatorEngine *self,
                                         const char        *kind)
{
  int k;

  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (self), 0.0);
  k = find_kind (self->cfg, kind);
  return k >= 0 ? self->cfg->radius[k] : 0.0;
}

double
wm_indicator_engine_get_household_size (WmIndicatorEngine *self,
                                        WmSegment          segment)
{
  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (self), 0.0);
  g_return_val_if_fail (segment < WM_N_SEGMENTS, 0.0);
  return self->cfg->household_size[segment];
}

const double *
wm_indicator_engine_get_grid_sizes (WmIndicatorEngine *self,
                                    guint             *n_sizes)
{
  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (self), NULL);
  if (n_sizes != NULL)
    *n_sizes = self->cfg->n_grids;
  return self->cfg->grid_sizes;
}

static gint64
clamp0 (gint64 v)
{
  return MAX (v, 0);
}

static double
fraction (gint64 part,
          gint64 whole)
{
  return whole > 0 ? (double) clamp0 (part) / (double) whole : 0.0;
}

/* The units of a dissimilarity key: (social, other) at a[i * stride], b[i * stride]. */
typedef struct
{
  const gint64 *a, *b;
  gsize stride;
  guint n;
  gint64 *owned;
  int slot; /* 0 across the areas, 1 + g for grid g */
} Units;

/* The areas and, as one unit of their own, the dwellings outside every area; or the cells of
 * one grid (read in place). FALSE for another key. Free @units->owned. */
static gboolean
dissimilarity_units (WmIndicatorEngine *self,
                     const char        *key,
                     int                st,
                     Units             *units)
{
  const Config *cfg = self->cfg;
  static const gint64 none[2] = { 0, 0 };

  memset (units, 0, sizeof *units);
  if (g_str_equal (key, "dissimilarity_social"))
    {
      gint64 *pairs = g_new (gint64, 2 * (self->n_areas + 1));

      for (guint a = 0; a <= self->n_areas; a++)
        {
          pairs[2 * a] = self->counts[a].mix[st][WM_SEGMENT_SOCIAL_RENT];
          pairs[2 * a + 1] = 0;
          for (guint s = 0; s < WM_N_SEGMENTS; s++)
            if (s != WM_SEGMENT_SOCIAL_RENT)
              pairs[2 * a + 1] += clamp0 (self->counts[a].mix[st][s]);
        }
      units->owned = pairs;
      units->a = &pairs[0];
      units->b = &pairs[1];
      units->stride = 2;
      units->n = self->n_areas + 1;
      units->slot = 0;
      return TRUE;
    }
  if (!g_str_has_prefix (key, "dissimilarity_social.grid_"))
    return FALSE;
  for (guint g = 0; g < cfg->n_grids; g++)
    {
      char name[64];
      GArray *cells = self->grids[g].counts;

      g_snprintf (name, sizeof name, "dissimilarity_social.grid_%gm", cfg->grid_sizes[g]);
      if (!g_str_equal (key, name))
        continue;
      units->stride = sizeof (CellCounts) / sizeof (gint64);
      units->n = cells->len;
      units->a = cells->len > 0 ? &g_array_index (cells, CellCounts, 0).social[st] : &none[0];
      units->b = cells->len > 0 ? &g_array_index (cells, CellCounts, 0).other[st] : &none[1];
      units->slot = 1 + g;
      return TRUE;
    }
  return FALSE;
}

/* Where the returners move in: the new build (new build and transformation) of the area they
 * left first; those without room there into the spare new build of the other units (areas,
 * outside), in proportion to it (largest remainder, ties to the earlier unit); beyond all new
 * build nobody returns. A unit's returners are at most the households it rehouses. */
static void
allocate_returners (WmIndicatorEngine *self)
{
  guint n = self->n_areas + 1;
  g_autofree gint64 *spare = g_new0 (gint64, n);
  g_autofree gint64 *remainder = g_new0 (gint64, n);
  gint64 over = 0, total_spare = 0, moved, placed = 0;

  g_free (self->returners_in);
  self->returners_in = g_new0 (gint64, n);
  for (guint u = 0; u < n; u++)
    {
      const Counts *c = &self->counts[u];
      gint64 r = clamp0 (MIN (c->returners, c->rehouse));
      gint64 room = clamp0 (c->new_build);
      gint64 local = MIN (r, room);

      self->returners_in[u] = local;
      over += r - local;
      spare[u] = room - local;
      total_spare += spare[u];
    }
  moved = MIN (over, total_spare);
  if (moved > 0)
    {
      for (guint u = 0; u < n; u++)
        {
          /* moved <= total_spare: the product stays well inside 64 bits for real plans. */
          gint64 share = moved * spare[u] / total_spare;

          remainder[u] = moved * spare[u] % total_spare;
          self->returners_in[u] += share;
          placed += share;
        }
      for (; placed < moved; placed++)
        {
          guint best = 0;

          for (guint u = 1; u < n; u++)
            if (remainder[u] > remainder[best])
              best = u;
          self->returners_in[best]++;
          remainder[best] = -1;
        }
    }
  self->returners_valid = TRUE;
}

/* Returners who move into the new build counted in @c (an area, outside, or the total). */
static gint64
returners_moving_in (WmIndicatorEngine *self,
                     const Counts      *c)
{
  gint64 sum = 0;

  if (!self->returners_valid)
    allocate_returners (self);
  if (c != TOTAL (self))
    return self->returners_in[c - self->counts];
  for (guint u = 0; u <= self->n_areas; u++)
    sum += self->returners_in[u];
  return sum;
}

static gboolean
derive (WmIndicatorEngine *self,
        const char        *key,
        const Counts      *c,
        gboolean           is_total,
        int                st,
        double            *out)
{
  const Config *cfg = self->cfg;
  gint64 clamped[WM_N_SEGMENTS];
  gint64 n = 0, affordable = 0;
  WmSegment segment;

  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    {
      clamped[s] = clamp0 (c->mix[st][s]);
      n += clamped[s];
      if (self->affordable[s])
        affordable += clamped[s];
    }

  if (g_str_equal (key, "dwellings"))
    *out = n;
  else if (g_str_has_prefix (key, "dwellings.") && wm_segment_from_key (key + 10, &segment))
    *out = c->mix[st][segment];
  else if (g_str_equal (key, "dwellings.affordable"))
    *out = affordable;
  else if (g_str_has_prefix (key, "share.") && wm_segment_from_key (key + 6, &segment))
    *out = fraction (clamped[segment], n);
  else if (g_str_equal (key, "affordable_share"))
    *out = fraction (affordable, n);
  else if (g_str_equal (key, "new_build_affordable_share"))
    *out = st == 0 ? 0.0 : fraction (c->new_build_affordable, c->new_build);
  else if (g_str_equal (key, "diversity"))
    {
      double h = 0.0;

      for (guint s = 0; s < WM_N_SEGMENTS; s++)
        if (clamped[s] > 0)
          {
            double p = (double) clamped[s] / (double) n;
            h -= p * log (p);
          }
      /* -0.0 for a single segment would print as "-0". */
      *out = h > 0.0 ? h / log (WM_N_SEGMENTS) : 0.0;
    }
  else if (g_str_equal (key, "residents"))
    {
      double r = 0.0;

      for (guint s = 0; s < WM_N_SEGMENTS; s++)
        r += clamped[s] * cfg->household_size[s];
      *out = r;
    }
  else if (g_str_equal (key, "households_to_rehouse"))
    *out = st == 0 ? 0.0 : c->rehouse;
  else if (g_str_equal (key, "newcomer_share"))
    *out = st == 0 ? 0.0
                   : MIN (1.0, fraction (c->newcomers - returners_moving_in (self, c), n));
  else if (g_str_has_prefix (key, "coverage.") && find_kind (cfg, key + 9) >= 0)
    *out = MIN (1.0, fraction (c->covered[st][find_kind (cfg, key + 9)], n));
  else if (is_total && g_str_has_prefix (key, "dissimilarity_social"))
    {
      Units units;

      if (!dissimilarity_units (self, key, st, &units))
        return FALSE;
      *out = wm_dissimilarity_index (units.a, units.b, units.stride, units.n);
      g_free (units.owned);
    }
  else
    return FALSE;

  return TRUE;
}

static const Counts *
counts_for (WmIndicatorEngine *self,
            const char        *area_id)
{
  gpointer index;

  if (area_id == NULL)
    return TOTAL (self);
  index = g_hash_table_lookup (self->area_index, area_id);
  if (index == NULL && g_str_equal (area_id, WM_INDICATOR_AREA_OUTSIDE))
    return &self->counts[OUTSIDE (self)];
  return index != NULL ? &self->counts[GPOINTER_TO_INT (index) - 1] : NULL;
}

gboolean
wm_indicator_engine_lookup (WmIndicatorEngine *self,
                            const char        *key,
                            const char        *area_id,
                            WmIndicatorState   state,
                            double            *out_value)
{
  const Counts *c;
  double value = 0.0;

  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  c = counts_for (self, area_id);
  if (c == NULL || !derive (self, key, c, area_id == NULL, state == WM_INDICATOR_PROJECTED,
                            &value))
    return FALSE;
  if (out_value != NULL)
    *out_value = value;
  return TRUE;
}

double
wm_indicator_engine_get (WmIndicatorEngine *self,
                         const char        *key,
                         const char        *area_id,
                         WmIndicatorState   state)
{
  double value;

  if (!wm_indicator_engine_lookup (self, key, area_id, state, &value))
    return NAN;
  return value;
}

void
wm_indicator_engine_get_mix (WmIndicatorEngine *self,
                             const char        *area_id,
                             WmIndicatorState   state,
                             WmDwellingMix     *out_mix)
{
  const Counts *c;

  g_return_if_fail (WM_IS_INDICATOR_ENGINE (self));
  g_return_if_fail (out_mix != NULL);

  memset (out_mix, 0, sizeof *out_mix);
  c = counts_for (self, area_id);
  if (c == NULL)
    return;
  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    out_mix->counts[s] = c->mix[state == WM_INDICATOR_PROJECTED][s];
}

gboolean
wm_indicator_engine_get_target (WmIndicatorEngine *self,
                                const char        *key,
                                WmTargetBand      *out_band,
                                WmTargetVerdict   *out_verdict)
{
  WmTargets *targets;
  WmTargetVerdict verdict = WM_TARGET_VERDICT_NONE;
  gboolean has_band;

  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  targets = wm_targets_get_for_plan (self->plan);
  has_band = wm_targets_get_band (targets, key, out_band);
  /* Without dwellings (or without new build) there is nothing to judge: no verdict, rather
   * than a "below" that nobody could have avoided. */
  if (has_band &&
      (g_str_equal (key, "new_build_affordable_share")
         ? TOTAL (self)->new_build > 0
         : wm_indicator_engine_get (self, "dwellings", NULL, WM_INDICATOR_PROJECTED) > 0))
    verdict = wm_targets_judge (targets, key,
                                wm_indicator_engine_get (self, key, NULL, WM_INDICATOR_PROJECTED));
  if (out_verdict != NULL)
    *out_verdict = verdict;
  return has_band;
}

/* @whole_plan: every proposal, whatever the year; else those counted at the engine's year. */
static GArray *
replay_contributions (WmIndicatorEngine *self,
                      const char        *key,
                      const char        *area_id,
                      gboolean           whole_plan)
{
  GArray *result;
  g_autofree guint *order = NULL;
  double before;
  guint n = 0;

  result = g_array_new (FALSE, FALSE, sizeof (WmIndicatorContribution));
  if (!wm_indicator_engine_lookup (self, key, area_id, WM_INDICATOR_PROJECTED, NULL))
    return result;
  order = wm_projection_order_positions (wm_scenario_get_proposals (self->scenario), &n);
  g_return_val_if_fail (n == self->records->len, result);

  /* Replay the plan on the engine's own counts: undo every applied proposal (the counts are
   * then the baseline's), then redo them in the plan's order, reading the indicator after
   * each. Integer counts make this exact, and a proposal's effect does not depend on when it
   * is undone or redone, so the counts end as they were. The deltas telescope to projected -
   * baseline. */
  for (guint i = self->records->len; i > 0; i--)
    {
      Record *rec = g_ptr_array_index (self->records, i - 1);

      if (rec->applied)
        record_effect (rec, -1);
    }
  settle_demolitions (self);
  wm_indicator_engine_lookup (self, key, area_id, WM_INDICATOR_PROJECTED, &before);
  for (guint i = 0; i < n; i++)
    {
      Record *rec = g_ptr_array_index (self->records, order[i]);
      double after = 0.0;

      if (!whole_plan && !record_counts (rec))
        continue;
      record_effect (rec, +1);
      settle_demolitions (self);
      wm_indicator_engine_lookup (self, key, area_id, WM_INDICATOR_PROJECTED, &after);
      if (after != before)
        {
          WmIndicatorContribution contribution = { rec->proposal, after - before };

          g_array_append_val (result, contribution);
        }
      before = after;
    }
  /* Back to the engine's year: the proposals completed after it are undone again. */
  if (whole_plan)
    move_to_year (self, self->year);

  return result;
}

GArray *
wm_indicator_engine_get_contributions (WmIndicatorEngine *self,
                                       const char        *key,
                                       const char        *area_id)
{
  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  return replay_contributions (self, key, area_id, FALSE);
}

gboolean
wm_indicator_engine_is_defined (WmIndicatorEngine *self,
                                const char        *key,
                                const char        *area_id,
                                WmIndicatorState   state)
{
  const Counts *c;
  gint64 n = 0;

  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!wm_indicator_engine_lookup (self, key, area_id, state, NULL))
    return FALSE;
  if (!g_str_has_prefix (key, "share.") && !g_str_has_suffix (key, "_share") &&
      !g_str_equal (key, "diversity") && !g_str_has_prefix (key, "coverage."))
    return TRUE;
  c = counts_for (self, area_id);
  /* The affordable share of new build says nothing where nothing is built (the baseline). */
  if (g_str_equal (key, "new_build_affordable_share"))
    return state == WM_INDICATOR_PROJECTED && clamp0 (c->new_build) > 0;
  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    n += clamp0 (c->mix[state == WM_INDICATOR_PROJECTED][s]);
  return n > 0;
}

gboolean
wm_indicator_engine_get_dissimilarity_detail (WmIndicatorEngine *self,
                                              const char        *key,
                                              WmIndicatorState   state,
                                              WmDissimilarity   *out_detail)
{
  int st = state == WM_INDICATOR_PROJECTED;
  int slot;
  Units units;

  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!dissimilarity_units (self, key, st, &units))
    return FALSE;
  /* The chance level costs a sum over the unit sizes (0.1 ms on the bench city): once per
   * change. */
  slot = units.slot;
  if (!self->d_cached[slot][st])
    {
      wm_dissimilarity_compute (units.a, units.b, units.stride, units.n, &self->d_cache[slot][st]);
      self->d_cached[slot][st] = TRUE;
    }
  if (out_detail != NULL)
    *out_detail = self->d_cache[slot][st];
  g_free (units.owned);
  return TRUE;
}

char *
wm_indicator_engine_describe_dissimilarity (WmIndicatorEngine *self,
                                            const char        *key,
                                            WmIndicatorState   state)
{
  WmDissimilarity d;
  char value[G_ASCII_DTOSTR_BUF_SIZE], chance[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!wm_indicator_engine_get_dissimilarity_detail (self, key, state, &d))
    return NULL;
  g_snprintf (value, sizeof value, "%.2f", d.value);
  g_snprintf (chance, sizeof chance, "%.2f", d.chance);
  if (g_str_has_prefix (key, "dissimilarity_social.grid_"))
    /* Translators: "0.41 across 37 cells of 250 m; a random mix would give about 0.32" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s across %u cell of %d m; a random mix would give "
                                         "about %s",
                                         "%s across %u cells of %d m; a random mix would give "
                                         "about %s", d.n_units),
                            value, d.n_units, atoi (key + strlen ("dissimilarity_social.grid_")),
                            chance);
  if (d.n_units > 0 && wm_indicator_engine_get (self, "dwellings", WM_INDICATOR_AREA_OUTSIDE,
                                                state) > 0)
    /* Translators: the dwellings outside every area count as one more unit */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s across %u area and the dwellings outside the "
                                         "areas; a random mix would give about %s",
                                         "%s across %u areas and the dwellings outside the "
                                         "areas; a random mix would give about %s",
                                         d.n_units - 1),
                            value, d.n_units - 1, chance);
  /* Translators: "0.54 across 16 areas; a random mix would give about 0.18" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s across %u area; a random mix would give about %s",
                                       "%s across %u areas; a random mix would give about %s",
                                       d.n_units),
                          value, d.n_units, chance);
}

char *
wm_indicator_engine_get_label (WmIndicatorEngine *self,
                               const char        *key)
{
  WmSegmentTable *table = wm_segment_table_get_default ();
  WmSegment segment;
  int k;

  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (g_str_equal (key, "dwellings"))
    return g_strdup (_("Dwellings"));
  if (g_str_equal (key, "dwellings.affordable"))
    return g_strdup (_("Affordable dwellings"));
  if (g_str_has_prefix (key, "dwellings.") && wm_segment_from_key (key + 10, &segment))
    return g_strdup_printf (_("Dwellings: %s"), wm_segment_table_get_name (table, segment));
  if (g_str_has_prefix (key, "share.") && wm_segment_from_key (key + 6, &segment))
    return g_strdup_printf (_("Share: %s"), wm_segment_table_get_name (table, segment));
  if (g_str_equal (key, "affordable_share"))
    return g_strdup (_("Affordable share of the stock"));
  if (g_str_equal (key, "new_build_affordable_share"))
    return g_strdup (_("Affordable share of new build"));
  if (g_str_equal (key, "diversity"))
    return g_strdup (_("Diversity (Shannon entropy, 0–1)"));
  if (g_str_equal (key, "dissimilarity_social"))
    return g_strdup (_("Dissimilarity of social rent, across the areas"));
  if (g_str_has_prefix (key, "dissimilarity_social.grid_"))
    return g_strdup_printf (_("Dissimilarity of social rent, %d m squares"),
                            atoi (key + strlen ("dissimilarity_social.grid_")));
  if (g_str_equal (key, "households_to_rehouse"))
    return g_strdup (_("Households to rehouse"));
  if (g_str_equal (key, "newcomer_share"))
    return g_strdup (_("Newcomer share"));
  if (g_str_equal (key, "residents"))
    return g_strdup (_("Estimated residents"));
  if (g_str_has_prefix (key, "coverage.") && (k = find_kind (self->cfg, key + 9)) >= 0)
    {
      const char *name = key + 9;

      /* Only green has a minimum area: the RIVM rule of thumb. */
      if (self->cfg->area_kinds & (1u << k))
        {
          g_autofree char *ha = g_strdup_printf ("%g", self->cfg->min_area[k] / 10000.0);

          /* Translators: e.g. "At least 1 ha of green within 300 m (RIVM)", a rule of thumb of
           * the RIVM (Dutch National Institute for Public Health); straight-line distance. */
          return g_strdup_printf (_("At least %s ha of green within %d m (RIVM)"), ha,
                                  (int) self->cfg->radius[k]);
        }
      if (wm_coverage_kind_phrase (name) != NULL)
        name = wm_coverage_kind_phrase (name);
      /* Translators: e.g. "Within 200 m of a playground (straight line)" */
      return g_strdup_printf (_("Within %d m of %s (straight line)"),
                              (int) self->cfg->radius[k], name);
    }

  return g_strdup (key);
}
