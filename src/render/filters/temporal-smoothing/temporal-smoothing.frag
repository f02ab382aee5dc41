// One step of temporal smoothing at mask resolution, run once per new mask (not per
// rendered frame). The state texture holds the smoothed mask (.r) and the luma of the
// frame it was made with (.g). The new mask is blended in with a per-texel weight that is
// low where nothing moved (model jitter is averaged away) and 1 where the frame or the
// mask changed a lot (a moving person is followed at once, never trailed).
in vec2 vUv;

out vec4 finalColor;

uniform sampler2D uGuide;     // camera frame at guide size
uniform sampler2D uMask;      // the new mask (.r)
uniform sampler2D uPrevious;  // previous state: .r smoothed mask, .g luma

uniform float uReset;         // 1: no usable history, take the new mask as is
uniform float uMinWeight;     // weight of the new mask where nothing changed
uniform float uMotionGain;    // weight added per unit of luma change above the floor
uniform float uMotionFloor;   // luma change that is camera noise, not motion
uniform float uChangeGain;    // weight added per unit of mask change above the floor
uniform float uChangeFloor;   // mask change that is model jitter, not movement

const vec3 LUMA = vec3(0.299, 0.587, 0.114);

void main(void)
{
    float luma = dot(texture(uGuide, vUv).rgb, LUMA);
    float fresh = texture(uMask, vUv).r;
    vec4 previous = texture(uPrevious, vUv);
    float motion = abs(luma - previous.g);
    float change = abs(fresh - previous.r);
    float weight = clamp(
        uMinWeight + uMotionGain * max(motion - uMotionFloor, 0.0) + uChangeGain * max(change - uChangeFloor, 0.0),
        0.0, 1.0);
    weight = max(weight, uReset);
    finalColor = vec4(mix(previous.r, fresh, weight), luma, 0.0, 1.0);
}
