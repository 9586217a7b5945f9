using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace GluteSense.Host.Statistics;

/// <summary>One observation for <see cref="MixedModel"/>: the subject, the set (a label unique within the subject),
/// the level of the fixed factor (for example the exercise) and the value.</summary>
public sealed record MixedModelRow(string Subject, string Set, string Level, double Value);

/// <summary>A fixed-effect coefficient with its standard error, Satterthwaite denominator df, t, two-sided p and 95 % CI.</summary>
public sealed record FixedEffect(string Term, double Estimate, double Se, double Df, double T, double P, Interval Ci95);

/// <summary>A variance component: the variance of a random term in a group, or the covariance of two terms
/// (<see cref="Term2"/> set) for a random slope. Group "Residual" is the residual variance.</summary>
public sealed record VarianceComponent(string Group, string Term, string? Term2, double Variance);

/// <summary>A REML fit: formula as lme4 writes it, fixed effects, variance components, counts and the REML criterion.</summary>
public sealed record MixedModelFit(
    string Formula, string DfMethod, IReadOnlyList<FixedEffect> Fixed, IReadOnlyList<VarianceComponent> Random,
    int NObs, int NSubjects, double RemlCriterion, bool Singular);

/// <summary>
/// Linear mixed model <c>value ~ factor + (1 | subject) + (1 | subject:set)</c>, optionally with a random factor slope
/// by subject (<c>(1 + factor | subject)</c>), fitted by REML. Equal to R's lme4::lmer and lmerTest's Satterthwaite df
/// (tests/fixtures/mixed_model_lme4.json, script tests/fixtures/scripts/make_mixed_model_fixture.R).
/// The reference level is the first level in ordinal (byte) order; the other levels get treatment-coded dummies
/// named like R's (<c>exercisepull-through</c>).
/// </summary>
public static class MixedModel
{
    /// <summary>Entries of theta on a diagonal below this after the simplex search are tried at exactly 0 (a boundary fit).</summary>
    private const double BoundaryTheta = 1e-4;

    /// <summary>Relative step of the coarser of the two Hessians extrapolated for Satterthwaite's df.</summary>
    private const double SatterthwaiteStep = 1e-3;

    /// <summary>lmerTest's tolerance for the Hessian's eigenvalues (smaller ones are left out of its pseudo-inverse).</summary>
    private const double EigenTolerance = 1e-8;

    /// <summary>Fits the model. Throws a one-line ArgumentException for data that cannot identify it.</summary>
    public static MixedModelFit Fit(IReadOnlyList<MixedModelRow> rows, string factor = "exercise", bool randomSlope = false)
    {
        Validate(rows);
        string[] levels = rows.Select(r => r.Level).Distinct().OrderBy(l => l, StringComparer.Ordinal).ToArray();
        if (levels.Length < 2) throw new ArgumentException($"the mixed model needs at least 2 levels of {factor}, got {levels.Length}");
        string[] subjects = rows.Select(r => r.Subject).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToArray();
        if (subjects.Length < 3) throw new ArgumentException($"the mixed model needs at least 3 subjects, got {subjects.Length}");
        string[] termNames = new[] { "(Intercept)" }.Concat(levels.Skip(1).Select(l => factor + l)).ToArray();
        double[][] x = rows.Select(r => Dummies(levels, r.Level)).ToArray();
        double[] y = rows.Select(r => r.Value).ToArray();
        if (y.Length <= termNames.Length + 1)
            throw new ArgumentException($"the mixed model needs more than {termNames.Length + 1} observations, got {y.Length}");

        var subjectIndex = subjects.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
        string[] sets = rows.Select(SetKey).Distinct().ToArray();
        var setIndex = sets.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
        var setTerm = new RandomTerm("subject:set", new[] { "(Intercept)" }, rows.Select(r => setIndex[SetKey(r)]).ToArray(),
            rows.Select(_ => new[] { 1.0 }).ToArray(), sets.Length);
        RandomTerm subjectTerm = randomSlope
            ? new RandomTerm("subject", termNames, rows.Select(r => subjectIndex[r.Subject]).ToArray(), x, subjects.Length)
            : new RandomTerm("subject", new[] { "(Intercept)" }, rows.Select(r => subjectIndex[r.Subject]).ToArray(),
                rows.Select(_ => new[] { 1.0 }).ToArray(), subjects.Length);
        var problem = new RemlProblem(x, y, new[] { subjectTerm, setTerm });

        double[] theta = Optimise(problem);
        RemlState state = problem.Solve(theta);
        double sigma2 = state.PenalisedRss / (problem.N - problem.P);
        double sigma = Math.Sqrt(sigma2);
        double[] df = SatterthwaiteDf(problem, theta, sigma);
        var fixedEffects = new List<FixedEffect>();
        for (int j = 0; j < problem.P; j++)
        {
            double se = Math.Sqrt(sigma2 * state.UnscaledCovariance[j, j]);
            double t = state.Beta[j] / se;
            double p = 2 * StudentT.CDF(0, 1, df[j], -Math.Abs(t));
            double q = StudentT.InvCDF(0, 1, df[j], 0.975);
            fixedEffects.Add(
                new FixedEffect(termNames[j], state.Beta[j], se, df[j], t, p,
                    new Interval(state.Beta[j] - q * se, state.Beta[j] + q * se)));
        }

        var random = new List<VarianceComponent>();
        IReadOnlyList<Matrix<double>> factors = problem.Factors(theta);
        RandomTerm[] terms = { subjectTerm, setTerm };
        for (int t = 0; t < terms.Length; t++)
        {
            Matrix<double> cov = factors[t] * factors[t].Transpose() * sigma2;
            for (int i = 0; i < terms[t].Columns; i++)
                random.Add(new VarianceComponent(terms[t].Group, terms[t].ColumnNames[i], null, cov[i, i]));
            for (int i = 0; i < terms[t].Columns; i++)
            {
                for (int k = i + 1; k < terms[t].Columns; k++)
                {
                    random.Add(new VarianceComponent(terms[t].Group, terms[t].ColumnNames[i], terms[t].ColumnNames[k], cov[i, k]));
                }
            }
        }

        random.Add(new VarianceComponent("Residual", "", null, sigma2));
        bool[] diagonal = problem.DiagonalTheta();
        bool singular = theta.Where((v, i) => diagonal[i] && v == 0).Any();
        string subjectPart = randomSlope ? $"(1 + {factor} | subject)" : "(1 | subject)";
        return new MixedModelFit($"value ~ {factor} + {subjectPart} + (1 | subject:set)", "Satterthwaite", fixedEffects, random,
            problem.N, subjects.Length, problem.ProfiledDeviance(theta), singular);
    }

    /// <summary>
    /// Minimises the profiled REML criterion over theta: a Nelder-Mead search on |theta| for the diagonal entries
    /// (lower bound 0, as lme4's bobyqa), boundary entries set to exactly 0 when that is no worse, then Newton steps on
    /// the free entries so the optimum is accurate far beyond the 1e-4 the results are held to.
    /// </summary>
    private static double[] Optimise(RemlProblem problem)
    {
        bool[] diagonal = problem.DiagonalTheta();
        double[] Bounded(Vector<double> v) => v.Select((e, i) => diagonal[i] ? Math.Abs(e) : e).ToArray();
        var objective = ObjectiveFunction.Value(v => problem.ProfiledDeviance(Bounded(v)));
        MinimizationResult simplex = NelderMeadSimplex.Minimum(objective, Vector<double>.Build.DenseOfArray(problem.StartTheta()), 1e-13, 20000);
        double[] theta = Bounded(simplex.MinimizingPoint);
        double best = problem.ProfiledDeviance(theta);
        for (int i = 0; i < theta.Length; i++)
        {
            if (!diagonal[i] || theta[i] >= BoundaryTheta) continue;
            double[] trial = (double[])theta.Clone();
            trial[i] = 0;
            double d = problem.ProfiledDeviance(trial);
            if (d <= best + 1e-9)
            {
                theta = trial;
                best = d;
            }
        }

        int[] free = Enumerable.Range(0, theta.Length).Where(i => !diagonal[i] || theta[i] > 0).ToArray();
        for (int iteration = 0; iteration < 20 && free.Length > 0; iteration++)
        {
            double[] x = theta;
            (Vector<double> g, Matrix<double> h) = GradientHessian(v => problem.ProfiledDeviance(v), x, free);
            var eigen = h.Evd();
            if (eigen.EigenValues.Any(e => e.Real <= 0)) break;
            Vector<double> step = h.Solve(g);
            bool improved = false;
            for (double scale = 1; scale > 1e-4; scale /= 2)
            {
                double[] trial = (double[])theta.Clone();
                for (int k = 0; k < free.Length; k++) trial[free[k]] -= scale * step[k];
                if (free.Any(i => diagonal[i] && trial[i] < 0)) continue;
                double d = problem.ProfiledDeviance(trial);
                if (d <= best)
                {
                    improved = d < best;
                    theta = trial;
                    best = d;
                    break;
                }
            }

            if (!improved || step.AbsoluteMaximum() < 1e-10) break;
        }

        return theta;
    }

    /// <summary>
    /// Satterthwaite's denominator df for each coefficient (lmerTest 3.1, Kuznetsova, Brockhoff and Christensen 2017):
    /// df = 2 var(beta_j)^2 / (g' A g), with A = 2 H^+ the asymptotic covariance of (theta, sigma) from the Hessian H of
    /// the unprofiled REML criterion (pseudo-inverse over eigenvalues above 1e-8, as lmerTest) and g the gradient of
    /// var(beta_j) = sigma^2 [(X'V^-1 X)^-1]_jj with respect to (theta, sigma).
    /// </summary>
    private static double[] SatterthwaiteDf(RemlProblem problem, double[] theta, double sigma)
    {
        double[] varpar = theta.Append(sigma).ToArray();
        int m = varpar.Length;
        double Dev(double[] v) => problem.Deviance(v.Take(m - 1).ToArray(), v[m - 1]);
        // Richardson extrapolation of two central-difference Hessians (steps h and h/2): error O(h^4) instead of O(h^2),
        // so the df do not inherit the finite differences' rounding noise (as lmerTest's numDeriv::hessian, which also
        // extrapolates).
        int[] all = Enumerable.Range(0, m).ToArray();
        Matrix<double> coarse = GradientHessian(Dev, varpar, all, SatterthwaiteStep).Hessian;
        Matrix<double> fine = GradientHessian(Dev, varpar, all, SatterthwaiteStep / 2).Hessian;
        Matrix<double> h = (4 * fine - coarse) / 3;
        var eigen = h.Evd(Symmetricity.Symmetric);
        Matrix<double> a = Matrix<double>.Build.Dense(m, m);
        for (int k = 0; k < m; k++)
        {
            double value = eigen.EigenValues[k].Real;
            if (value <= EigenTolerance) continue;
            Vector<double> vec = eigen.EigenVectors.Column(k);
            a += 2 / value * vec.OuterProduct(vec);
        }

        int p = problem.P;
        var jacobian = Matrix<double>.Build.Dense(p, m);
        for (int i = 0; i < m - 1; i++)
        {
            double step = Step(theta[i], 1e-5);
            double[] up = (double[])theta.Clone(), down = (double[])theta.Clone();
            up[i] += step;
            down[i] -= step;
            Matrix<double> cu = problem.Solve(up).UnscaledCovariance, cd = problem.Solve(down).UnscaledCovariance;
            for (int j = 0; j < p; j++) jacobian[j, i] = sigma * sigma * (cu[j, j] - cd[j, j]) / (2 * step);
        }

        Matrix<double> unscaled = problem.Solve(theta).UnscaledCovariance;
        var df = new double[p];
        for (int j = 0; j < p; j++)
        {
            jacobian[j, m - 1] = 2 * sigma * unscaled[j, j];
            Vector<double> g = jacobian.Row(j);
            double variance = sigma * sigma * unscaled[j, j];
            df[j] = 2 * variance * variance / g.DotProduct(a * g);
        }

        return df;
    }

    /// <summary>Central-difference gradient and Hessian of f over the coordinates in <paramref name="free"/>.</summary>
    private static (Vector<double> Gradient, Matrix<double> Hessian) GradientHessian(Func<double[], double> f, double[] x, int[] free,
        double relativeStep = 1e-4)
    {
        int n = free.Length;
        var g = Vector<double>.Build.Dense(n);
        var h = Matrix<double>.Build.Dense(n, n);
        double f0 = f(x);
        double At(int a, double da, int b, double db)
        {
            double[] v = (double[])x.Clone();
            if (a >= 0) v[free[a]] += da;
            if (b >= 0) v[free[b]] += db;
            return f(v);
        }

        for (int i = 0; i < n; i++)
        {
            double hi = Step(x[free[i]], relativeStep);
            double up = At(i, hi, -1, 0), down = At(i, -hi, -1, 0);
            g[i] = (up - down) / (2 * hi);
            h[i, i] = (up - 2 * f0 + down) / (hi * hi);
            for (int j = 0; j < i; j++)
            {
                double hj = Step(x[free[j]], relativeStep);
                double mixed = (At(i, hi, j, hj) - At(i, hi, j, -hj) - At(i, -hi, j, hj) + At(i, -hi, j, -hj)) / (4 * hi * hj);
                h[i, j] = mixed;
                h[j, i] = mixed;
            }
        }

        return (g, h);
    }

    private static double Step(double x, double relative) => relative * Math.Max(Math.Abs(x), 0.1);

    private static string SetKey(MixedModelRow r) => r.Subject + "\u001f" + r.Set;

    private static double[] Dummies(string[] levels, string level)
    {
        var row = new double[levels.Length];
        row[0] = 1;
        for (int k = 1; k < levels.Length; k++) row[k] = level == levels[k] ? 1 : 0;
        return row;
    }

    private static void Validate(IReadOnlyList<MixedModelRow> rows)
    {
        if (rows == null || rows.Count == 0) throw new ArgumentException("the mixed model has no observations");
        foreach (MixedModelRow r in rows)
        {
            if (string.IsNullOrEmpty(r.Subject) || string.IsNullOrEmpty(r.Set) || string.IsNullOrEmpty(r.Level))
            {
                throw new ArgumentException("every observation needs a subject, a set and a level");
            }

            if (!double.IsFinite(r.Value)) throw new ArgumentException($"subject {r.Subject} set {r.Set}: value is NaN or infinite");
        }
    }
}
