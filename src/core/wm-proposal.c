/* wm-proposal.c: one proposed physical change to the neighbourhood */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "wm-proposal.h"
#include "wm-string-private.h"

static const struct
{
  const char *key;
  const char *label;
} proposal_kinds[WM_N_PROPOSAL_KINDS] = {
  [WM_PROPOSAL_DEMOLISH] = { "demolish", N_("Demolition") },
  [WM_PROPOSAL_NEW_BUILD] = { "new_build", N_("New build") },
  [WM_PROPOSAL_CONVERT_TENURE] = { "convert_tenure", N_("Tenure conversion") },
  [WM_PROPOSAL_RENOVATE] = { "renovate", N_("Renovation") },
  [WM_PROPOSAL_TRANSFORM] = { "transform", N_("Transformation to housing") },
  [WM_PROPOSAL_SPLIT_MERGE] = { "split_merge", N_("Split or merge dwellings") },
  [WM_PROPOSAL_ADD_FACILITY] = { "add_facility", N_("New facility") },
  [WM_PROPOSAL_REMOVE_FACILITY] = { "remove_facility", N_("Facility removed") },
};

const char *
wm_proposal_kind_key (WmProposalKind kind)
{
  g_return_val_if_fail ((guint) kind < WM_N_PROPOSAL_KINDS, NULL);

  return proposal_kinds[kind].key;
}

gboolean
wm_proposal_kind_from_key (const char     *key,
                           WmProposalKind *out_kind)
{
  if (key == NULL)
    return FALSE;

  for (guint i = 0; i < WM_N_PROPOSAL_KINDS; i++)
    {
      if (g_str_equal (key, proposal_kinds[i].key))
        {
          if (out_kind != NULL)
            *out_kind = (WmProposalKind) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
wm_proposal_kind_label (WmProposalKind kind)
{
  g_return_val_if_fail ((guint) kind < WM_N_PROPOSAL_KINDS, NULL);

  return _(proposal_kinds[kind].label);
}

static const struct
{
  const char *key;
  const char *label;
} dwelling_types[WM_N_DWELLING_TYPES] = {
  [WM_DWELLING_TYPE_UNSPECIFIED] = { NULL, N_("Unspecified") },
  [WM_DWELLING_TYPE_APARTMENT] = { "apartment", N_("Apartments") },
  [WM_DWELLING_TYPE_HOUSE] = { "house", N_("Houses") },
  [WM_DWELLING_TYPE_SENIOR] = { "senior", N_("Senior housing") },
};

const char *
wm_dwelling_type_label (WmDwellingType type)
{
  g_return_val_if_fail ((guint) type < WM_N_DWELLING_TYPES, NULL);

  return _(dwelling_types[type].label);
}

const char *
wm_dwelling_type_key (WmDwellingType type)
{
  g_return_val_if_fail ((guint) type < WM_N_DWELLING_TYPES, NULL);

  return dwelling_types[type].key;
}

gboolean
wm_dwelling_type_from_key (const char     *key,
                           WmDwellingType *out_type)
{
  for (guint i = 0; i < WM_N_DWELLING_TYPES; i++)
    {
      if (g_strcmp0 (key, dwelling_types[i].key) == 0)
        {
          if (out_type != NULL)
            *out_type = (WmDwellingType) i;
          return TRUE;
        }
    }

  return FALSE;
}

struct _WmProposal
{
  GObject parent_instance;

  char *id;
  WmProposalKind kind;
  WmGeometry *geometry;
  GStrv building_ids; /* never NULL */
  WmDwellingMix dwelling_delta;
  WmFacilityType facility_type;
  char *facility_id;
  char *name;
  int year;
  int start_year;
  char *note;
  WmDwellingType dwelling_type;
  double return_share;
};

G_DEFINE_FINAL_TYPE (WmProposal, wm_proposal, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_GEOMETRY,
  PROP_BUILDING_IDS,
  PROP_DWELLING_DELTA,
  PROP_FACILITY_TYPE,
  PROP_FACILITY_ID,
  PROP_NAME,
  PROP_YEAR,
  PROP_START_YEAR,
  PROP_NOTE,
  PROP_DWELLING_TYPE,
  PROP_RETURN_SHARE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
geometry_equal (const WmGeometry *a,
                const WmGeometry *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return wm_geometry_equal (a, b);
}

static void
wm_proposal_finalize (GObject *object)
{
  WmProposal *self = WM_PROPOSAL (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->geometry, wm_geometry_unref);
  g_clear_pointer (&self->building_ids, g_strfreev);
  g_clear_pointer (&self->facility_id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (wm_proposal_parent_class)->finalize (object);
}

static void
wm_proposal_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  WmProposal *self = WM_PROPOSAL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_GEOMETRY:
      g_value_set_boxed (value, self->geometry);
      break;
    case PROP_BUILDING_IDS:
      g_value_set_boxed (value, self->building_ids);
      break;
    case PROP_DWELLING_DELTA:
      g_value_set_pointer (value, &self->dwelling_delta);
      break;
    case PROP_FACILITY_TYPE:
      g_value_set_int (value, self->facility_type);
      break;
    case PROP_FACILITY_ID:
      g_value_set_string (value, self->facility_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_START_YEAR:
      g_value_set_int (value, self->start_year);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_DWELLING_TYPE:
      g_value_set_int (value, self->dwelling_type);
      break;
    case PROP_RETURN_SHARE:
      g_value_set_double (value, self->return_share);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_proposal_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  WmProposal *self = WM_PROPOSAL (object);

  switch (prop_id)
    {
    case PROP_GEOMETRY:
      wm_proposal_set_geometry (self, g_value_get_boxed (value));
      break;
    case PROP_BUILDING_IDS:
      wm_proposal_set_building_ids (self, g_value_get_boxed (value));
      break;
    case PROP_FACILITY_TYPE:
      wm_proposal_set_facility_type (self, g_value_get_int (value));
      break;
    case PROP_FACILITY_ID:
      wm_proposal_set_facility_id (self, g_value_get_string (value));
      break;
    case PROP_NAME:
      wm_proposal_set_name (self, g_value_get_string (value));
      break;
    case PROP_YEAR:
      wm_proposal_set_year (self, g_value_get_int (value));
      break;
    case PROP_START_YEAR:
      wm_proposal_set_start_year (self, g_value_get_int (value));
      break;
    case PROP_NOTE:
      wm_proposal_set_note (self, g_value_get_string (value));
      break;
    case PROP_DWELLING_TYPE:
      wm_proposal_set_dwelling_type (self, g_value_get_int (value));
      break;
    case PROP_RETURN_SHARE:
      wm_proposal_set_return_share (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_proposal_class_init (WmProposalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = wm_proposal_finalize;
  object_class->get_property = wm_proposal_get_property;
  object_class->set_property = wm_proposal_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, WM_N_PROPOSAL_KINDS - 1, 0, ro);
  properties[PROP_GEOMETRY] =
    g_param_spec_boxed ("geometry", NULL, NULL, WM_TYPE_GEOMETRY, rw);
  properties[PROP_BUILDING_IDS] =
    g_param_spec_boxed ("building-ids", NULL, NULL, G_TYPE_STRV, rw);
  /* A const WmDwellingMix*; notified when the delta changes. */
  properties[PROP_DWELLING_DELTA] = g_param_spec_pointer ("dwelling-delta", NULL, NULL, ro);
  properties[PROP_FACILITY_TYPE] =
    g_param_spec_int ("facility-type", NULL, NULL, 0, WM_N_FACILITY_TYPES - 1, 0, rw);
  properties[PROP_FACILITY_ID] = g_param_spec_string ("facility-id", NULL, NULL, NULL, rw);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_YEAR] = g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, 0, rw);
  properties[PROP_START_YEAR] = g_param_spec_int ("start-year", NULL, NULL, 0, G_MAXINT, 0, rw);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, rw);
  properties[PROP_DWELLING_TYPE] =
    g_param_spec_int ("dwelling-type", NULL, NULL, 0, WM_N_DWELLING_TYPES - 1, 0, rw);
  properties[PROP_RETURN_SHARE] =
    g_param_spec_double ("return-share", NULL, NULL, 0.0, 1.0, WM_PROPOSAL_DEFAULT_RETURN_SHARE,
                         rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_proposal_init (WmProposal *self)
{
  self->building_ids = g_new0 (char *, 1);
  self->return_share = WM_PROPOSAL_DEFAULT_RETURN_SHARE;
}

WmProposal *
wm_proposal_new (const char     *id,
                 WmProposalKind  kind)
{
  WmProposal *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail ((guint) kind < WM_N_PROPOSAL_KINDS, NULL);

  self = g_object_new (WM_TYPE_PROPOSAL, NULL);
  self->id = g_strdup (id);
  self->kind = kind;

  return self;
}

const char *
wm_proposal_get_id (WmProposal *self)
{
  g_return_val_if_fail (WM_IS_PROPOSAL (self), NULL);

  return self->id;
}

WmProposalKind
wm_proposal_get_kind (WmProposal *self)
{
  g_return_val_if_fail (WM_IS_PROPOSAL (self), 0);

  return self->kind;
}

WmGeometry *
wm_proposal_get_geometry (WmProposal *self)
{
  g_return_val_if_fail (WM_IS_PROPOSAL (self), NULL);

  return self->geometry;
}

void
wm_proposal_set_geometry (WmProposal *self,
                          WmGeometry *geometry)
{
  g_return_if_fail (WM_IS_PROPOSAL (self));

  if (self->geometry == geometry || (geometry_equal (self->geometry, geometry)))
    return;

  g_clear_pointer (&self->geometry, wm_geometry_unref);
  if (geometry != NULL)
    self->geometry = wm_geometry_ref (geometry);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GEOMETRY]);
}

const char *const *
wm_proposal_get_building_ids (WmProposal *self)
{
  g_return_val_if_fail (WM_IS_PROPOSAL (self), NULL);

  return (const char *const *) self->building_ids;
}

void
wm_proposal_set_building_ids (WmProposal        *self,
                              const char *const *ids)
{
  static const char *const empty[] = { NULL };

  g_return_if_fail (WM_IS_PROPOSAL (self));

  if (ids == NULL)
    ids = empty;

  if (g_strv_equal ((const char *const *) self->building_ids, ids))
    return;

  g_strfreev (self->building_ids);
  self->building_ids = g_strdupv ((char **) ids);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUILDING_IDS]);
}

const WmDwellingMix *
wm_proposal_get_dwelling_delta (WmProposal *self)
{
  g_return_val_if_fail (WM_IS_PROPOSAL (self), NULL);

  return &self->dwelling_delta;
}

void
wm_proposal_set_dwelling_delta (WmProposal          *self,
                                const WmDwellingMix *delta)
{
  WmDwellingMix value = { { 0 } };

  g_return_if_fail (WM_IS_PROPOSAL (self));

  if (delta != NULL)
    value = *delta;

  if (memcmp (&self->dwelling_delta, &value, sizeof value) == 0)
    return;

  self->dwelling_delta = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DWELLING_DELTA]);
}

WmFacilityType
wm_proposal_get_facility_type (WmProposal *self)
{
  g_return_val_if_fail (WM_IS_PROPOSAL (self), 0);

  return self->facility_type;
}

void
wm_proposal_set_facility_type (WmProposal     *self,
                               WmFacilityType  type)
{
  g_return_if_fail (WM_IS_PROPOSAL (self));
  g_return_if_fail ((guint) type < WM_N_FACILITY_TYPES);

  if (self->facility_type == type)
    return;

  self->facility_type = type;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FACILITY_TYPE]);
}

const char *
wm_proposal_get_facility_id (WmProposal *self)
{
  g_return_val_if_fail (WM_IS_PROPOSAL (self), NULL);

  return self->facility_id;
}

void
wm_proposal_set_facility_id (WmProposal *self,
                             const char *facility_id)
{
  g_return_if_fail (WM_IS_PROPOSAL (self));

  if (wm_set_str (&self->facility_id, facility_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FACILITY_ID]);
}

const char *
wm_proposal_get_name (WmProposal *self)
{
  g_return_val_if_fail (WM_IS_PROPOSAL (self), NULL);

  return self->name;
}

void
wm_proposal_set_name (WmProposal *self,
                      const char *name)
{
  g_return_if_fail (WM_IS_PROPOSAL (self));

  if (wm_set_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

int
wm_proposal_get_year (WmProposal *self)
{
  g_return_val_if_fail (WM_IS_PROPOSAL (self), 0);

  return self->year;
}

void
wm_proposal_set_year (WmProposal *self,
                      int         year)
{
  g_return_if_fail (WM_IS_PROPOSAL (self));

  if (self->year == year)
    return;

  self->year = year;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
}

int
wm_proposal_get_start_year (WmProposal *self)
{
  g_return_val_if_fail (WM_IS_PROPOSAL (self), 0);

  return self->start_year;
}

int
wm_proposal_get_effective_start_year (WmProposal *self)
{
  g_return_val_if_fail (WM_IS_PROPOSAL (self), 0);

  return self->start_year != 0 ? self->start_year : self->year;
}

void
wm_proposal_set_start_year (WmProposal *self,
                            int         year)
{
  g_return_if_fail (WM_IS_PROPOSAL (self));

  if (self->start_year == year)
    return;

  self->start_year = year;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START_YEAR]);
}

const char *
wm_proposal_get_note (WmProposal *self)
{
  g_return_val_if_fail (WM_IS_PROPOSAL (self), NULL);

  return self->note;
}

void
wm_proposal_set_note (WmProposal *self,
                      const char *note)
{
  g_return_if_fail (WM_IS_PROPOSAL (self));

  if (wm_set_str (&self->note, note))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

WmDwellingType
wm_proposal_get_dwelling_type (WmProposal *self)
{
  g_return_val_if_fail (WM_IS_PROPOSAL (self), 0);

  return self->dwelling_type;
}

void
wm_proposal_set_dwelling_type (WmProposal     *self,
                               WmDwellingType  type)
{
  g_return_if_fail (WM_IS_PROPOSAL (self));
  g_return_if_fail ((guint) type < WM_N_DWELLING_TYPES);

  if (self->dwelling_type == type)
    return;

  self->dwelling_type = type;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DWELLING_TYPE]);
}

double
wm_proposal_get_return_share (WmProposal *self)
{
  g_return_val_if_fail (WM_IS_PROPOSAL (self), WM_PROPOSAL_DEFAULT_RETURN_SHARE);

  return self->return_share;
}

void
wm_proposal_set_return_share (WmProposal *self,
                              double      share)
{
  g_return_if_fail (WM_IS_PROPOSAL (self));
  g_return_if_fail (share >= 0.0 && share <= 1.0);

  if (self->return_share == share)
    return;

  self->return_share = share;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETURN_SHARE]);
}

gboolean
wm_proposal_equal (WmProposal *a,
                   WmProposal *b)
{
  g_return_val_if_fail (WM_IS_PROPOSAL (a), FALSE);
  g_return_val_if_fail (WM_IS_PROPOSAL (b), FALSE);

  return g_strcmp0 (a->id, b->id) == 0 &&
         a->kind == b->kind &&
         geometry_equal (a->geometry, b->geometry) &&
         g_strv_equal ((const char *const *) a->building_ids,
                       (const char *const *) b->building_ids) &&
         memcmp (&a->dwelling_delta, &b->dwelling_delta, sizeof a->dwelling_delta) == 0 &&
         a->facility_type == b->facility_type &&
         g_strcmp0 (a->facility_id, b->facility_id) == 0 &&
         g_strcmp0 (a->name, b->name) == 0 &&
         a->year == b->year &&
         a->start_year == b->start_year &&
         g_strcmp0 (a->note, b->note) == 0 &&
         a->dwelling_type == b->dwelling_type &&
         a->return_share == b->return_share;
}
