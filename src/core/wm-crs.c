/* wm-crs.c: RD New <-> WGS84 with the Schreutelkamp/Strang van Hees polynomials */
#include "config.h"

#include "wm-crs.h"

/* Reference point: the Onze Lieve Vrouwetoren in Amersfoort. */
#define X0 155000.0
#define Y0 463000.0
#define PHI0 52.15517440
#define LAMBDA0 5.38720621

typedef struct
{
  int p;
  int q;
  double c;
} Term;

/* RD -> WGS84, results in seconds of arc; dX = (x - X0) 1e-5, dY = (y - Y0) 1e-5. */
static const Term k_terms[] = {
  { 0, 1, 3235.65389 }, { 2, 0, -32.58297 }, { 0, 2, -0.24750 }, { 2, 1, -0.84978 },
  { 0, 3, -0.06550 }, { 2, 2, -0.01709 }, { 1, 0, -0.00738 }, { 4, 0, 0.00530 },
  { 2, 3, -0.00039 }, { 4, 1, 0.00033 }, { 1, 1, -0.00012 },
};

static const Term l_terms[] = {
  { 1, 0, 5260.52916 }, { 1, 1, 105.94684 }, { 1, 2, 2.45656 }, { 3, 0, -0.81885 },
  { 1, 3, 0.05594 }, { 3, 1, -0.05607 }, { 0, 1, 0.01199 }, { 3, 2, -0.00256 },
  { 1, 4, 0.00128 }, { 0, 2, 0.00022 }, { 2, 0, -0.00022 }, { 5, 0, 0.00026 },
};

/* WGS84 -> RD, results in metres; dPhi = 0.36 (phi - PHI0), dLambda = 0.36 (lambda - LAMBDA0). */
static const Term r_terms[] = {
  { 0, 1, 190094.945 }, { 1, 1, -11832.228 }, { 2, 1, -114.221 }, { 0, 3, -32.391 },
  { 1, 0, -0.705 }, { 3, 1, -2.340 }, { 1, 3, -0.608 }, { 0, 2, -0.008 }, { 2, 3, 0.148 },
};

static const Term s_terms[] = {
  { 1, 0, 309056.544 }, { 0, 2, 3638.893 }, { 2, 0, 73.077 }, { 1, 2, -157.984 },
  { 3, 0, 59.788 }, { 0, 1, 0.433 }, { 2, 2, -6.439 }, { 1, 1, -0.032 }, { 0, 4, 0.092 },
  { 1, 4, -0.054 },
};

static double
ipow (double v,
      int    n)
{
  double r = 1.0;

  while (n-- > 0)
    r *= v;
  return r;
}

static double
evaluate (const Term *terms,
          gsize       n_terms,
          double      a,
          double      b)
{
  double sum = 0.0;

  for (gsize i = 0; i < n_terms; i++)
    sum += terms[i].c * ipow (a, terms[i].p) * ipow (b, terms[i].q);
  return sum;
}

void
wm_crs_rd_to_wgs84 (double  x,
                    double  y,
                    double *latitude,
                    double *longitude)
{
  double dx = (x - X0) * 1e-5;
  double dy = (y - Y0) * 1e-5;

  if (latitude != NULL)
    *latitude = PHI0 + evaluate (k_terms, G_N_ELEMENTS (k_terms), dx, dy) / 3600.0;
  if (longitude != NULL)
    *longitude = LAMBDA0 + evaluate (l_terms, G_N_ELEMENTS (l_terms), dx, dy) / 3600.0;
}

void
wm_crs_wgs84_to_rd (double  latitude,
                    double  longitude,
                    double *x,
                    double *y)
{
  double dphi = 0.36 * (latitude - PHI0);
  double dlambda = 0.36 * (longitude - LAMBDA0);

  if (x != NULL)
    *x = X0 + evaluate (r_terms, G_N_ELEMENTS (r_terms), dphi, dlambda);
  if (y != NULL)
    *y = Y0 + evaluate (s_terms, G_N_ELEMENTS (s_terms), dphi, dlambda);
}

gboolean
wm_crs_rd_is_plausible (double x,
                        double y)
{
  /* Also FALSE for NaN. */
  return x >= -7000.0 && x <= 300000.0 && y >= 289000.0 && y <= 629000.0;
}
