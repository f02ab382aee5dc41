// Temporal smoothing of the guided filter's coefficients (a, b), at guide resolution, once
// per new mask. The matte is a·I + b with this frame's own luma I, so on a still scene it
// only changes when (a, b) do: smoothing them steadies the refined edge itself, which
// smoothing the mask alone cannot (the guide's noise re-enters every frame). Where the
// frame or the alpha they give changed a lot, the new coefficients are taken at once, so
// a moving (or newly found) person is not trailed.
in vec2 vUv;

out vec4 finalColor;

uniform sampler2D uGuide;     // camera frame at guide size
uniform sampler2D uCoefficients; // this step's (a, b)
uniform sampler2D uPrevious;     // previous state: (a, b, luma)

uniform float uReset;
uniform float uMinWeight;
uniform float uMotionGain;
uniform float uMotionFloor;
uniform float uChangeGain;    // weight added per unit of alpha change above the floor
uniform float uChangeFloor;

const vec3 LUMA = vec3(0.299, 0.587, 0.114);

void main(void)
{
    float luma = dot(texture(uGuide, vUv).rgb, LUMA);
    vec2 fresh = texture(uCoefficients, vUv).rg;
    vec3 previous = texture(uPrevious, vUv).rgb;
    float motion = abs(luma - previous.b);
    // How much the alpha here (a·I + b, I centred as in the guided filter) would change.
    float change = abs(dot(fresh - previous.rg, vec2(luma - 0.5, 1.0)));
    float weight = clamp(
        uMinWeight + uMotionGain * max(motion - uMotionFloor, 0.0) + uChangeGain * max(change - uChangeFloor, 0.0),
        0.0, 1.0);
    weight = max(weight, uReset);
    finalColor = vec4(mix(previous.rg, fresh, weight), luma, 1.0);
}
