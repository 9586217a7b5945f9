namespace GluteSense.Cli.Serve;

/// <summary>The dashboard page: no external files, no framework; colours as in the reports (GMax teal, ES orange).</summary>
internal static class DashboardPage
{
    public const string Html = """
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>GluteSense live</title>
<style>
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222;max-width:1000px}
.row{display:flex;gap:2em;align-items:flex-start;flex-wrap:wrap}
.bar{height:22px;background:#eee;width:320px;position:relative;margin:4px 0}
.fill{height:100%;width:0}
.gmax .fill{background:#1b9e77}.es .fill{background:#d95f02}
.band{position:absolute;top:0;height:100%;border-left:2px dashed #333;border-right:2px dashed #333}
.ontarget{outline:3px solid #1b9e77}
#warning{color:#c0392b;font-weight:bold;min-height:1.4em}
button{font-size:1em;padding:.4em 1em;margin-right:.5em}
canvas{border:1px solid #ccc}
</style></head><body>
<h1>GluteSense live</h1>
<div><button id="start">Start</button><button id="stop">Stop</button><button id="marker">Marker</button>
Target band for GMax: <input id="low" type="number" value="20" size="4"> to <input id="high" type="number" value="60" size="4"> <span id="units">uV</span></div>
<div id="warning"></div>
<div class="row">
 <div>
  <div>Gluteus maximus L <span id="gmax_l-value">-</span></div><div class="bar gmax" id="gmax_l-bar"><div class="band" id="gmax_l-band"></div><div class="fill"></div></div>
  <div>Gluteus maximus R <span id="gmax_r-value">-</span></div><div class="bar gmax" id="gmax_r-bar"><div class="band" id="gmax_r-band"></div><div class="fill"></div></div>
  <div>Erector spinae L <span id="es_l-value">-</span></div><div class="bar es" id="es_l-bar"><div class="fill"></div></div>
  <div>Erector spinae R <span id="es_r-value">-</span></div><div class="bar es" id="es_r-bar"><div class="fill"></div></div>
 </div>
 <div>
  <p>GMax:ES ratio <b id="ratio">-</b></p>
  <p>Phase <b id="phase">-</b>, repetitions <b id="reps">0</b></p>
  <p>Link: <span id="frames">0</span> frames, <span id="missing">0</span> samples missing; events <span id="events">0</span>; markers confirmed <span id="markers">0</span></p>
 </div>
</div>
<canvas id="trace" width="960" height="240" aria-label="EMG envelope traces: GMax (teal) and ES (orange), last 10 s"></canvas>
<h2>Reports</h2><ul id="reports"></ul>
<script>
const channels=["gmax_l","gmax_r","es_l","es_r"], colours={gmax_l:"#1b9e77",gmax_r:"#66c2a5",es_l:"#d95f02",es_r:"#fc8d62"};
const history={}; channels.forEach(c=>history[c]=[]);
let events=0, scale=100;
const post=p=>fetch(p,{method:"POST"});
document.getElementById("start").onclick=()=>post("/api/start");
document.getElementById("stop").onclick=()=>post("/api/stop");
document.getElementById("marker").onclick=()=>post("/api/marker");
fetch("/api/reports").then(r=>r.json()).then(list=>{const ul=document.getElementById("reports");
 list.forEach(p=>{const li=document.createElement("li");const a=document.createElement("a");a.href=p;a.textContent=p;li.appendChild(a);ul.appendChild(li);});});
const source=new EventSource("/events");
source.onmessage=e=>{
 const s=JSON.parse(e.data); events++;
 document.getElementById("events").textContent=events;
 document.getElementById("units").textContent=s.units;
 const low=+document.getElementById("low").value, high=+document.getElementById("high").value;
 scale=Math.max(scale, ...Object.values(s.envelope), high*1.2);
 channels.forEach(c=>{
  const v=s.envelope[c]; if(v===undefined) return;
  document.getElementById(c+"-value").textContent=v.toFixed(1)+" "+s.units;
  const bar=document.getElementById(c+"-bar"); bar.querySelector(".fill").style.width=(100*v/scale)+"%";
  const band=document.getElementById(c+"-band"); if(band){band.style.left=(100*low/scale)+"%";band.style.width=(100*(high-low)/scale)+"%";
   bar.classList.toggle("ontarget", v>=low && v<=high);}
  (s.trace[c]||[]).forEach(x=>history[c].push(x)); if(history[c].length>1000) history[c].splice(0,history[c].length-1000);
 });
 document.getElementById("ratio").textContent=s.gmaxEsRatio==null?"-":s.gmaxEsRatio.toFixed(2);
 document.getElementById("phase").textContent=s.phase;
 document.getElementById("reps").textContent=s.reps;
 document.getElementById("frames").textContent=s.framesDelivered;
 document.getElementById("missing").textContent=s.samplesMissing;
 document.getElementById("markers").textContent=s.markers;
 const lowBack=s.gmaxEsRatio!=null && s.gmaxEsRatio<1;
 document.getElementById("warning").textContent=(lowBack?"Low back is taking over (ES above GMax). ":"")+s.warnings.join(" ");
 draw();
};
function draw(){const c=document.getElementById("trace"),g=c.getContext("2d");g.clearRect(0,0,c.width,c.height);
 channels.forEach(ch=>{const h=history[ch];g.strokeStyle=colours[ch];g.beginPath();
  h.forEach((v,i)=>{const x=c.width*i/1000,y=c.height*(1-v/scale); i?g.lineTo(x,y):g.moveTo(x,y);});g.stroke();});}
</script></body></html>
""";
}
