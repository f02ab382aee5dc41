// First pass of the fast guided filter (He et al.), at guide resolution: the horizontal
// box mean of I, p, I*p and I*I, where I is the frame's luma (centred on 0 to keep
// half-float precision where the variance is taken) and p the person mask, steepened
// first: the filter only fits a local linear model, so it cannot turn the model's wide
// ramp into an edge by itself, but it can put a steeper one where the frame's edge is.
in vec2 vUv;

out vec4 finalColor;

uniform sampler2D uGuide;     // camera frame at guide size
uniform sampler2D uMask;      // person probability (.r), over the whole frame
uniform vec2 uGuideTexel;     // one guide pixel in vUv units
uniform float uRadius;

const int MAX_RADIUS = 6;
const vec3 LUMA = vec3(0.299, 0.587, 0.114);

void main(void)
{
    vec4 sum = vec4(0.0);
    float count = 0.0;
    for (int i = -MAX_RADIUS; i <= MAX_RADIUS; i++) {
        float x = float(i);
        if (abs(x) > uRadius) continue;
        vec2 uv = clamp(vUv + vec2(x * uGuideTexel.x, 0.0), 0.0, 1.0);
        float guide = dot(texture(uGuide, uv).rgb, LUMA) - 0.5;
        float person = smoothstep(0.3, 0.7, texture(uMask, uv).r);
        sum += vec4(guide, person, guide * person, guide * guide);
        count += 1.0;
    }
    finalColor = sum / count;
}
