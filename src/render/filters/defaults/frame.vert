// Shared vertex stage for this project's filters. Besides pixi's usual input-texture
// coordinate it passes vUv: each filtered sprite exactly covers its render target, so the
// quad's own [0,1] position is the frame-normalised coordinate that the mask and
// background textures are sampled with.
in vec2 aPosition;

out vec2 vTextureCoord;
out vec2 vUv;

uniform vec4 uInputSize;
uniform vec4 uOutputFrame;
uniform vec4 uOutputTexture;

void main(void)
{
    vec2 position = aPosition * uOutputFrame.zw + uOutputFrame.xy;
    position.x = position.x * (2.0 / uOutputTexture.x) - 1.0;
    position.y = position.y * (2.0 * uOutputTexture.z / uOutputTexture.y) - uOutputTexture.z;
    gl_Position = vec4(position, 0.0, 1.0);

    vTextureCoord = aPosition * (uOutputFrame.zw * uInputSize.zw);
    vUv = aPosition;
}
