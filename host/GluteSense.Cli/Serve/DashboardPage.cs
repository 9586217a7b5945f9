namespace GluteSense.Cli.Serve;

/// <summary>
/// The dashboard page: no external files, no framework; colours as in the reports (GMax teal, ES orange). Readable at
/// phone width (one column below 700 px). Guides the audit protocol set by set (docs/dashboard.md).
/// </summary>
internal static class DashboardPage
{
    public const string Html = """
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>GluteSense live</title>
<style>
body{font-family:system-ui,sans-serif;margin:1em;color:#222;max-width:1000px}
h1{font-size:1.4em;margin:.2em 0}
.row{display:flex;gap:1.5em;align-items:flex-start;flex-wrap:wrap}
.panel{border:1px solid #ccc;border-radius:6px;padding:.5em .8em;margin:.5em 0;flex:1 1 280px}
.bar{height:22px;background:#eee;width:100%;max-width:320px;position:relative;margin:4px 0}
.fill{height:100%;width:0}
.gmax .fill{background:#1b9e77}.es .fill{background:#d95f02}
.band{position:absolute;top:0;height:100%;border-left:2px dashed #333;border-right:2px dashed #333}
.ontarget{outline:3px solid #1b9e77}
#warning{color:#c0392b;font-weight:bold;min-height:1.4em}
.go{color:#1b7e57;font-weight:bold}.fix{color:#c0392b;font-weight:bold}
button{font-size:1em;padding:.4em .9em;margin:.2em .3em .2em 0}
input[type=number]{width:4em}
canvas{border:1px solid #ccc;width:100%;height:260px}
#step{font-size:1.2em;font-weight:bold}
#resttimer{font-size:1.6em;font-variant-numeric:tabular-nums}
.legend span{display:inline-block;margin-right:1em}
.legend i{display:inline-block;width:1.2em;height:.4em;vertical-align:middle;margin-right:.3em}
@media (max-width:700px){body{margin:.5em}.row{display:block}button{padding:.6em 1em}}
</style></head><body>
<h1>GluteSense live</h1>
<div class="panel" id="protocol">
 <div>Protocol: <select id="design"><option value="treat">Test / Treat / Re-test</option><option value="control">Test / Control (rest or sham) / Re-test</option></select></div>
 <div id="step">-</div><div id="stepnote"></div><div id="resttimer"></div>
 <button id="prev">Previous</button><button id="next">Next step</button>
 <div id="setup">Set-up (kept for every set, in meta.json): load <input id="loadkg" type="number" min="0" step="0.5"> kg,
  body mass <input id="bodymass" type="number" min="0"> kg, knee angle <input id="knee" type="number" min="0" max="180"> deg,
  cue <input id="cue" type="text" size="16"> <label><input id="reapplied" type="checkbox"> electrodes re-applied before this set</label></div>
 <button id="recset">Record set</button><button id="endset">End set</button> pain after the set <input id="pain" type="number" min="0" max="10"> /10
 <div id="setresult"></div>
</div>
<div class="panel" id="signal">
 <b>Signal check before each set</b> (patient at rest, 5 s; contact, signal, resting level, clipping, mains): <button id="check">Check signal</button>
 <div id="checkresult">Not checked yet.</div>
</div>
<div><button id="start">Start</button><button id="stop">Stop</button><button id="marker">Marker</button></div>
<div>Target band for GMax: <input id="low" type="number" value="20"> to <input id="high" type="number" value="60"> <span id="units">uV</span></div>
<div class="panel"><b>Tempo</b>: eccentric <input id="ecc" type="number" value="2" step="0.5"> s, hold <input id="hold" type="number" value="1" step="0.5"> s,
 concentric <input id="con" type="number" value="1.5" step="0.5"> s <button id="metro">Metronome on</button> <label><input id="audio" type="checkbox"> audio cue</label>
 <div>Metronome: <b id="metrophase">off</b>. GMax in band by phase: <span id="phaseband">-</span></div></div>
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
<div class="legend"><span><i style="background:#1b9e77"></i>GMax L</span><span><i style="background:#66c2a5"></i>GMax R</span><span><i style="background:#d95f02"></i>ES L</span><span><i style="background:#fc8d62"></i>ES R</span>
<span><i style="background:#1b9e7733;height:.8em"></i>outward phase</span><span><i style="background:#d95f0233;height:.8em"></i>return phase</span><span><i style="background:#555;width:2px;height:.8em"></i>repetition</span></div>
<canvas id="trace" aria-label="EMG envelope traces over the last 10 s with a time axis, phases shaded and repetitions marked"></canvas>
<h2>Reports</h2><ul id="reports"></ul>
<script>
const channels=["gmax_l","gmax_r","es_l","es_r"], colours={gmax_l:"#1b9e77",gmax_r:"#66c2a5",es_l:"#d95f02",es_r:"#fc8d62"};
const WINDOW_S=10, PUSH_S=0.05, REST_S=60;
const history={}; channels.forEach(c=>history[c]=[]);
let events=0, scale=100, units="uV", lastReps=0, phases=[], repMarks=[], now=0;
const $=id=>document.getElementById(id);
const post=(p,body)=>fetch(p,{method:"POST",headers:{"Content-Type":"application/json"},body:body===undefined?null:JSON.stringify(body)});
$("start").onclick=()=>post("/api/start"); $("stop").onclick=()=>post("/api/stop"); $("marker").onclick=()=>post("/api/marker");
fetch("/api/reports").then(r=>r.json()).then(list=>{const ul=$("reports");
 list.forEach(p=>{const li=document.createElement("li");const a=document.createElement("a");a.href=p;a.textContent=p;li.appendChild(a);ul.appendChild(li);});});
// Protocol guidance: two sets per condition with a rest between, as the audit expects.
function steps(){const block=$("design").value==="treat"?["Treat: pull-through block","treat"]:["Control: rest or sham block","control"];
 return [["Signal check, then Test set 1 of 2: bridge","test",1],["Rest between sets","rest"],["Test set 2 of 2: bridge","test",2],[block[0],block[1],1],
  ["Signal check, then Re-test set 1 of 2: bridge","retest",1],["Rest between sets","rest"],["Re-test set 2 of 2: bridge","retest",2],["Done: run glutesense audit on the sets","done"]];}
let step=0, restEnd=null;
function showStep(){const s=steps()[step]; $("step").textContent=`Step ${step+1}/${steps().length}: ${s[0]}`;
 $("stepnote").textContent=s[1]==="rest"?"":s[1]==="done"?"":`condition ${s[1]}${s[2]?", set "+s[2]:""}; record it with Record set / End set (serve --record DIR)`;
 restEnd=s[1]==="rest"?Date.now()+REST_S*1000:null; tick();}
function tick(){ $("resttimer").textContent=restEnd?`rest ${Math.max(0,Math.ceil((restEnd-Date.now())/1000))} s`:""; }
setInterval(tick,250);
$("next").onclick=()=>{step=Math.min(step+1,steps().length-1);showStep();}; $("prev").onclick=()=>{step=Math.max(step-1,0);showStep();};
$("design").onchange=showStep; showStep();
// Recording a set: the server writes its folder; meta.json gets the step's condition and set, the server's last signal
// check and the measured tempo (shown here next to the check's verdict).
const esc=t=>String(t).replace(/[&<>"]/g,c=>({"&":"&amp;","<":"&lt;",">":"&gt;",'"':"&quot;"}[c]));
async function answer(r){const j=await r.json(); if(!r.ok) throw new Error(j.error||r.statusText); return j;}
$("recset").onclick=()=>{const s=steps()[step]; if(!s[2]){$("setresult").textContent="This step is not a set."; return;}
 const label=s[0].replace(/^Signal check, then /,"");
 const body={condition:s[1],set:{index:s[2],label:label}}, num=id=>$(id).value===""?undefined:+$(id).value;
 body.load_kg=num("loadkg"); body.body_mass_kg=num("bodymass"); body.knee_angle_deg=num("knee"); if($("cue").value.trim()) body.cue=$("cue").value.trim();
 body.electrodes_reapplied=$("reapplied").checked;
 post("/api/set/start",body).then(answer)
  .then(j=>{$("reapplied").checked=false; $("setresult").textContent=`Recording ${label} (signal check: ${j.signalCheck})`;}).catch(e=>{$("setresult").textContent="Not recording: "+e.message;});};
$("endset").onclick=()=>post("/api/set/stop",$("pain").value===""?undefined:{pain_nrs:+$("pain").value}).then(answer).then(j=>{$("pain").value="";const p=j.protocol, t=p.measured_tempo||{}, f=v=>v==null?"-":v.toFixed(1)+" s";
 const check=p.signal_check?(p.signal_check.passed?"<span class=go>go</span>":"<span class=fix>failed</span>")+" "+esc(p.signal_check.summary):"not run";
 $("setresult").innerHTML=`Saved ${esc(j.folder)}: measured tempo eccentric ${f(t.eccentric_s)}, hold ${f(t.hold_s)}, concentric ${f(t.concentric_s)}; signal check ${check}`;})
 .catch(e=>{$("setresult").textContent=e.message;});
// Signal check: run by the server on the stream (contact from lead-off bits, flat line, mains ratio and clipping from the
// board's status frames, resting level from the envelope); the page shows its verdicts.
$("check").onclick=()=>{post("/api/check"); $("checkresult").textContent="Checking: keep the patient still for 5 s...";};
function showCheck(c){ const lines=c.electrodes.map(e=>`${e.channel}: ${e.leadOff?"lead-off":"contact ok"}${e.flatLine?", no signal (flat line)":""}, rest level ${e.restRmsUv==null?"-":e.restRmsUv.toFixed(1)} uV RMS, `+
  `${e.clippedSamples} clipped, mains ratio ${e.mainsRatio==null?"not measured":e.mainsRatio.toFixed(2)} -> `+(e.go?"<span class=go>go</span>":"<span class=fix>fix this: "+esc(e.fix)+"</span>"));
 $("checkresult").innerHTML=`<b class=${c.go?"go":"fix"}>${c.go?"Go":"Fix this before the set"}</b><br>`+lines.join("<br>");}
let shownCheck=null;
// Tempo metronome and per-phase judgement of the GMax band.
let metro=null, audioCtx=null; const inBand={}, seen={};
function beep(f){ if(!$("audio").checked) return; audioCtx=audioCtx||new AudioContext(); const o=audioCtx.createOscillator(), g=audioCtx.createGain();
 o.frequency.value=f; g.gain.value=0.1; o.connect(g); g.connect(audioCtx.destination); o.start(); o.stop(audioCtx.currentTime+0.08);}
$("metro").onclick=()=>{ if(metro){clearTimeout(metro.t);metro=null;$("metro").textContent="Metronome on";$("metrophase").textContent="off";return;}
 metro={i:0}; $("metro").textContent="Metronome off"; run();};
function run(){ if(!metro) return; const seq=[["concentric",+$("con").value,880],["hold",+$("hold").value,660],["eccentric",+$("ecc").value,440]];
 const [name,dur,f]=seq[metro.i%3]; $("metrophase").textContent=`${name} ${dur} s`; beep(f); metro.i++; metro.t=setTimeout(run,dur*1000);}
const source=new EventSource("/events");
source.onmessage=e=>{
 const s=JSON.parse(e.data); events++; now=s.timeS; units=s.units;
 $("events").textContent=events; $("units").textContent=s.units;
 const low=+$("low").value, high=+$("high").value;
 scale=Math.max(scale, ...Object.values(s.envelope), high*1.2);
 channels.forEach(c=>{
  const v=s.envelope[c]; if(v===undefined) return;
  $(c+"-value").textContent=v.toFixed(1)+" "+s.units;
  const bar=$(c+"-bar"); bar.querySelector(".fill").style.width=(100*v/scale)+"%";
  const band=$(c+"-band"); if(band){band.style.left=(100*low/scale)+"%";band.style.width=(100*(high-low)/scale)+"%"; bar.classList.toggle("ontarget", v>=low && v<=high);}
  (s.trace[c]||[]).forEach(x=>history[c].push(x)); const keep=Math.round(WINDOW_S*100); if(history[c].length>keep) history[c].splice(0,history[c].length-keep);
 });
 if(s.check && JSON.stringify(s.check)!==shownCheck){shownCheck=JSON.stringify(s.check); showCheck(s.check);}
 const g=(s.envelope.gmax_l+s.envelope.gmax_r)/2; if(s.phase!=="still"){seen[s.phase]=(seen[s.phase]||0)+1; if(g>=low&&g<=high) inBand[s.phase]=(inBand[s.phase]||0)+1;}
 $("phaseband").textContent=Object.keys(seen).map(p=>`${p} ${Math.round(100*(inBand[p]||0)/seen[p])} %`).join(", ")||"-";
 phases.push([now,s.phase]); if(s.reps>lastReps){repMarks.push(now); lastReps=s.reps;}
 phases=phases.filter(p=>p[0]>now-WINDOW_S); repMarks=repMarks.filter(t=>t>now-WINDOW_S);
 $("ratio").textContent=s.gmaxEsRatio==null?"-":s.gmaxEsRatio.toFixed(2);
 $("phase").textContent=s.phase; $("reps").textContent=s.reps;
 $("frames").textContent=s.framesDelivered; $("missing").textContent=s.samplesMissing; $("markers").textContent=s.markers;
 const lowBack=s.gmaxEsRatio!=null && s.gmaxEsRatio<1;
 $("warning").textContent=(lowBack?"Low back is taking over (ES above GMax). ":"")+s.warnings.join(" ");
 draw();
};
function draw(){const c=$("trace"); if(c.width!==c.clientWidth){c.width=c.clientWidth;c.height=c.clientHeight;}
 const g=c.getContext("2d"), L=48, B=22, W=c.width-L-8, H=c.height-B-8, x=t=>L+W*(1-(now-t)/WINDOW_S), y=v=>8+H*(1-v/scale);
 g.clearRect(0,0,c.width,c.height);
 phases.forEach(([t,p],i)=>{ if(p==="still") return; const t1=i+1<phases.length?phases[i+1][0]:now; g.fillStyle=p==="outward"?"#1b9e7722":"#d95f0222"; g.fillRect(x(t),8,Math.max(1,x(t1)-x(t)),H);});
 g.strokeStyle="#555"; repMarks.forEach(t=>{g.beginPath();g.moveTo(x(t),8);g.lineTo(x(t),8+H);g.stroke();});
 g.fillStyle="#222"; g.font="11px system-ui"; g.strokeStyle="#ddd";
 for(let k=0;k<=4;k++){const v=scale*k/4; g.beginPath(); g.moveTo(L,y(v)); g.lineTo(L+W,y(v)); g.stroke(); g.fillText(v.toFixed(0),18,y(v)+4);}
 g.save(); g.translate(10,8+H/2); g.rotate(-Math.PI/2); g.fillText(units,0,0); g.restore();
 for(let s=0;s<=WINDOW_S;s+=2){ g.fillText(`${s-WINDOW_S} s`, L+W*s/WINDOW_S-10, 8+H+16); }
 channels.forEach(ch=>{const h=history[ch];g.strokeStyle=colours[ch];g.lineWidth=1.5;g.beginPath();
  h.forEach((v,i)=>{const xx=L+W*(i+WINDOW_S*100-h.length)/(WINDOW_S*100),yy=y(v); i?g.lineTo(xx,yy):g.moveTo(xx,yy);});g.stroke();});}
</script></body></html>
""";
}
