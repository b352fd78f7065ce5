/* fuzz-changes.c: the changes reader (docs/changes-json.md) on any bytes
 *
 * Read alone and against the demo plan, imported as the window does (checked against the plan
 * and added through a history, then undone), and whatever reads must export and read back to
 * as many proposals.
 */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "wm-demo.h"
#include "wm-plan-check.h"
#include "wm-proposal-json.h"

static WmPlan *plan;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  fuzz_set_up ();
  plan = wm_demo_load (&error);
  g_assert_no_error (error);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) alone = NULL;
  g_autoptr(GPtrArray) against = NULL;
  g_autoptr(GPtrArray) imported = NULL;

  alone = wm_proposals_from_json_data ((const char *) data, size, "fuzz.json", NULL, NULL);
  against = wm_proposals_from_json_data ((const char *) data, size, "fuzz.json", plan, NULL);
  imported = wm_proposals_import_json_data ((const char *) data, size, "fuzz.json", plan, NULL);

  if (imported != NULL)
    {
      g_autoptr(WmHistory) history = wm_history_new (plan);
      g_autoptr(GPtrArray) problems = NULL;
      GListModel *proposals = wm_scenario_get_proposals (wm_plan_get_active_scenario (plan));
      guint before = g_list_model_get_n_items (proposals);

      if (wm_proposals_json_add (history, NULL, imported, "fuzz.json", NULL))
        {
          /* What was added fits together, and undoing takes all of it back. */
          problems = wm_plan_check (plan);
          g_assert_cmpuint (problems->len, ==, 0);
          g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, before + imported->len);
          if (imported->len > 0)
            g_assert_true (wm_history_undo (history));
        }
      g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, before);
    }

  if (alone != NULL)
    {
      g_autoptr(GListStore) store = g_list_store_new (WM_TYPE_PROPOSAL);
      g_autoptr(GPtrArray) back = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      gsize length;

      for (guint i = 0; i < alone->len; i++)
        g_list_store_append (store, g_ptr_array_index (alone, i));
      text = wm_proposals_to_json_data (G_LIST_MODEL (store), &length);
      back = wm_proposals_from_json_data (text, length, "export.json", NULL, &error);
      if (back == NULL)
        g_error ("an export does not read back: %s\n%s", error->message, text);
      g_assert_cmpuint (back->len, ==, alone->len);
    }
  return 0;
}
