using System.Linq;
using System.Text.Json;
using GluteSense.Host.Analysis;
using GluteSense.Host.Statistics;

namespace GluteSense.Host.Study;

/// <summary>
/// JSON of a study: <c>{"factor", "levels", "n_subjects", "units", "sesoi", "random_slope", "models": [{"outcome":
/// {"channel", "phase", "metric"}, "primary", "units", "formula", "df_method", "fixed": [{"term", "estimate", "se", "df",
/// "t", "p", "ci95"}], "random": [{"group", "term", "term2", "variance"}], "n_obs", "n_subjects", "singular",
/// "reml_criterion" (R's REMLcrit: lower is the better fit), "p_holm",
/// "two_stage": [...], "reading"}]}</c>; nulls are written.
/// </summary>
public static class StudyJson
{
    /// <summary>The study result as JSON in the layout above, with the significance level as "alpha".</summary>
    public static string Serialize(StudyResult result) => JsonSerializer.Serialize(new
    {
        factor = result.Factor,
        levels = result.Levels,
        n_subjects = result.Subjects,
        units = result.Units,
        sesoi = result.Sesoi,
        random_slope = result.RandomSlope,
        alpha = StudyAnalysis.Alpha,
        models = result.Outcomes.Select(o => new
        {
            outcome = new { channel = o.Outcome.Channel, phase = o.Outcome.Phase, metric = o.Outcome.Metric },
            primary = o.Primary,
            units = o.Units,
            formula = o.Model?.Formula,
            df_method = o.Model?.DfMethod,
            @fixed = o.Model?.Fixed.Select(f =>
                new { term = f.Term, estimate = f.Estimate, se = f.Se, df = f.Df, t = f.T, p = f.P,
                    ci95 = new[] { f.Ci95.Low, f.Ci95.High } }),
            random = o.Model?.Random.Select(r => new { group = r.Group, term = r.Term, term2 = r.Term2, variance = r.Variance }),
            n_obs = o.Model?.NObs,
            n_subjects = o.Model?.NSubjects,
            singular = o.Model?.Singular,
            reml_criterion = o.Model?.RemlCriterion,
            p_holm = o.PHolm,
            sesoi = o.Sesoi,
            two_stage = o.TwoStage.Select(TwoStage),
            reading = o.Reading,
            problem = o.Problem,
        }),
    }, AnalysisJson.Options);

    private static object TwoStage(TwoStage s) => new
    {
        level = s.Level,
        reference = s.Reference,
        subjects = s.Subjects,
        level_means = s.LevelMeans,
        reference_means = s.ReferenceMeans,
        mean_difference = new { estimate = s.Difference.Mean, ci95 = new[] { s.Difference.Low, s.Difference.High }, n = s.Difference.N },
        paired_t = new { t = s.PairedT.T, df = s.PairedT.Df, p = s.PairedT.P },
        d_z = new { estimate = s.Dz.Value, ci95 = new[] { s.Dz.Ci95.Low, s.Dz.Ci95.High }, method = s.Dz.Method },
        wilcoxon = s.Wilcoxon == null ? null : new { statistic = s.Wilcoxon.Statistic, p = s.Wilcoxon.P, method = s.Wilcoxon.Method },
        hodges_lehmann = s.HodgesLehmann == null ? null : new
        {
            estimate = s.HodgesLehmann.Estimate, ci = new[] { s.HodgesLehmann.Low, s.HodgesLehmann.High }, level = s.HodgesLehmann.Level,
            method = s.HodgesLehmann.Method,
        },
        tost = s.Tost == null ? null : new
        {
            low = s.Tost.Low, high = s.Tost.High, p = s.Tost.P, t_lower = s.Tost.TLower, t_upper = s.Tost.TUpper, df = s.Tost.Df,
            verdict = s.Tost.Verdict.ToString().ToLowerInvariant(),
        },
    };
}
