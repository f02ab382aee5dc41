// One direction of a box mean over a float data texture bound as uSource (not the
// filter's own 8-bit input, which would quantise it). Used to average the guided filter's
// coefficients over each window, so the upsampled matte has no block seams.
in vec2 vUv;

out vec4 finalColor;

uniform sampler2D uSource;
uniform vec2 uStep;           // one source texel along the pass direction, in uv
uniform float uRadius;

const int MAX_RADIUS = 6;

void main(void)
{
    vec4 sum = vec4(0.0);
    float count = 0.0;
    for (int i = -MAX_RADIUS; i <= MAX_RADIUS; i++) {
        float x = float(i);
        if (abs(x) > uRadius) continue;
        sum += texture(uSource, clamp(vUv + uStep * x, 0.0, 1.0));
        count += 1.0;
    }
    finalColor = sum / count;
}
